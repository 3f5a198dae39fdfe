package dev.abic.compiler.drift;

import static dev.abic.compiler.drift.Category.BREAKING;
import static dev.abic.compiler.drift.Category.COMPATIBLE;
import static dev.abic.compiler.drift.Category.SOURCE;

/**
 * The kinds of difference {@code abic check} reports. The names are stable ids: they appear in every
 * output format and are what a configuration file relaxes; a rule is never renamed or reused.
 */
public enum Rule {
    STRUCT_REMOVED(BREAKING, "A struct was removed."),
    STRUCT_SIZE_CHANGED(BREAKING, "A struct's size changed: arrays of it, and everything after it, move."),
    STRUCT_ALIGN_CHANGED(BREAKING, "A struct's alignment changed: where it may be placed changes."),
    FIELD_REMOVED(BREAKING, "A field was removed, or turned into reserved bytes: old peers still read or write it."),
    FIELD_OFFSET_CHANGED(BREAKING, "A field moved (fields reordered, or one before it changed size)."),
    FIELD_SIZE_CHANGED(BREAKING, "A field changed size (an array resized, a scalar widened, a nested struct changed)."),
    FIELD_TYPE_CHANGED(BREAKING, "A field keeps its offset and size but its type changed: the same bytes are read "
            + "differently."),
    ATOMIC_REMOVED(BREAKING, "A field is no longer atomic: one peer may tear or reorder what the other reads "
            + "atomically."),
    BOUND_TIGHTENED(BREAKING, "A count or size bound was lowered (or added): values an old writer may write are now "
            + "rejected."),
    COUNT_OF_CHANGED(BREAKING, "A count field now counts the elements of another array."),
    ENUM_REMOVED(BREAKING, "An enum or flag set was removed."),
    ENUM_UNDERLYING_CHANGED(BREAKING, "An enum or flag set changed its underlying integer type."),
    ENUM_KIND_CHANGED(BREAKING, "An enum became a flag set, or a flag set an enum."),
    ENUM_VALUE_CHANGED(BREAKING, "An enum or flag value changed its number: peers disagree on what it means."),
    ENUM_VALUE_REMOVED(BREAKING, "An enum or flag value was removed: an old peer may still send it."),
    CONSTANT_VALUE_CHANGED(BREAKING, "A constant changed its value (a magic, a capacity, an offset)."),
    CONSTANT_TYPE_CHANGED(BREAKING, "A constant changed its type."),
    LAYOUT_REMOVED(BREAKING, "A layout was removed."),
    LAYOUT_PARAMS_CHANGED(BREAKING, "A layout's number of parameters changed."),
    LAYOUT_FORMULA_CHANGED(BREAKING, "A layout's sections, their order, sizes, alignment or placement changed: "
            + "peers compute different offsets."),
    LAYOUT_REQUIRE_ADDED(BREAKING, "A layout gained a precondition: parameters an old peer accepts are now "
            + "rejected."),

    FIELD_RENAMED(SOURCE, "A field was renamed: same offset, size and type under a new name."),
    TYPE_RENAMED(SOURCE, "A struct, enum, flag set or layout was renamed; its shape is unchanged."),
    ENUM_VALUE_RENAMED(SOURCE, "An enum or flag value was renamed; its number is unchanged."),
    LAYOUT_PARAM_RENAMED(SOURCE, "A layout parameter was renamed; parameters are passed by position."),
    LAYOUT_SECTION_RENAMED(SOURCE, "A layout section was renamed; its place and size are unchanged."),
    CONSTANT_REMOVED(SOURCE, "A constant was removed; no bytes change, code that names it no longer compiles."),
    PACKAGE_CHANGED(SOURCE, "A file's package changed: generated namespaces and Java packages change."),
    OPTION_CHANGED(SOURCE, "A file's java_package, cpp_namespace or cpp_header changed."),
    DECL_MOVED(SOURCE, "A declaration moved to another file of the same package: its C++ header changes."),

    STRUCT_ADDED(COMPATIBLE, "A struct was added."),
    FIELD_ADDED(COMPATIBLE, "A field was added where there were no bytes before (any size change is reported on "
            + "its own)."),
    RESERVED_FIELD_USED(COMPATIBLE, "A real field now uses bytes that were reserved (old peers leave them zero)."),
    ATOMIC_ADDED(COMPATIBLE, "A field became atomic."),
    BOUND_LOOSENED(COMPATIBLE, "A count or size bound was raised or removed (old checked readers reject the new "
            + "larger values cleanly)."),
    ENUM_ADDED(COMPATIBLE, "An enum or flag set was added."),
    ENUM_VALUE_ADDED(COMPATIBLE, "An enum or flag value was added (old peers see an unknown value and reject it)."),
    CONSTANT_ADDED(COMPATIBLE, "A constant was added."),
    LAYOUT_ADDED(COMPATIBLE, "A layout was added."),
    LAYOUT_REQUIRE_REMOVED(COMPATIBLE, "A layout lost a precondition: it accepts more parameters."),
    ABI_VERSION_CHANGED(COMPATIBLE, "A file's abi_version changed.");

    private final Category category;
    private final String summary;

    Rule(Category category, String summary) {
        this.category = category;
        this.summary = summary;
    }

    public Category category() {
        return category;
    }

    /** One sentence on what the rule finds and why it is in its category. */
    public String summary() {
        return summary;
    }
}
