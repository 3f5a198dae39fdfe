package dev.abic.compiler.check;

import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.LayoutDecl;

/**
 * The names abic gives things in C++: namespaces and header paths of files, and the structs,
 * functions and accessors it generates. The checks use them to reject collisions before anything is
 * emitted; the C++ emitter uses them to write the code. One definition for both.
 */
public final class CppNames {
    private CppNames() {}

    /** {@code option cpp_namespace}, or the package with {@code ::}: {@code simpler::l3l2}. */
    public static String namespace(AbiFile file) {
        return file.option("cpp_namespace").orElse(file.packageName().replace(".", "::"));
    }

    /** {@code option cpp_header}, or the package as a path: {@code simpler/l3l2.h}. */
    public static String headerPath(AbiFile file) {
        return file.option("cpp_header").orElse(file.packageName().replace('.', '/') + ".h");
    }

    /** The struct holding a layout's result: {@code QueueRegion} → {@code QueueRegionLayout}. */
    public static String layoutStruct(LayoutDecl layout) {
        return layout.name() + "Layout";
    }

    /** The layout function: {@code QueueRegion} → {@code compute_queue_region_layout}. */
    public static String layoutFunction(LayoutDecl layout) {
        return "compute_" + Identifiers.snakeCase(layout.name()) + "_layout";
    }

    public static String loadAcquire(String field) {
        return "load_" + field + "_acquire";
    }

    public static String storeRelease(String field) {
        return "store_" + field + "_release";
    }

    public static String compareExchange(String field) {
        return "compare_exchange_" + field;
    }

    public static String checkedReader(String field) {
        return "read_" + field + "_checked";
    }

    public static String textLength(String field) {
        return field + "_length";
    }

    /** The helper generated next to every flag set (overloaded on the flag type). */
    public static final String HAS_FLAGS = "has_flags";
}
