package dev.abic.compiler.verify;

import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.AbiModel;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.StructDecl;
import dev.abic.compiler.resolve.Suggestions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code .abi} struct and the hand-written C++ struct that must have its layout.
 *
 * @param file         the file that declares the struct
 * @param struct       the struct of the {@code .abi}
 * @param label        how reports name the {@code .abi} struct: as the user wrote it ({@code Info} or
 *                     {@code simpler.hdmr.Info})
 * @param theirName    the hand-written type, as C++ names it ({@code HdmrInfo}, {@code ::rt::Info})
 * @param fieldRenames {@code .abi} field name to the hand-written member's name, for the members whose
 *                     names differ; every other field is looked up under its {@code .abi} name
 */
public record StructMapping(AbiFile file, StructDecl struct, String label, String theirName,
                            Map<String, String> fieldRenames) {
    /** A C++ type name: identifiers separated by {@code ::}, optionally starting with {@code ::}. */
    private static final Pattern CPP_TYPE_NAME = Pattern.compile("(::)?[A-Za-z_]\\w*(::[A-Za-z_]\\w*)*");
    private static final Pattern CPP_IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");

    public StructMapping {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(struct, "struct");
        Objects.requireNonNull(label, "label");
        if (!CPP_TYPE_NAME.matcher(theirName).matches()) {
            throw new IllegalArgumentException("not a C++ type name: " + theirName);
        }
        fieldRenames = Map.copyOf(fieldRenames);
        for (Map.Entry<String, String> e : fieldRenames.entrySet()) {
            if (!CPP_IDENTIFIER.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException("not a C++ member name: " + e.getValue());
            }
        }
    }

    /** The fields the verifier checks: every field that is not reserved (reserved bytes may be named anything). */
    public List<Field> checkedFields() {
        return struct.fields().stream().filter(f -> !f.reserved()).toList();
    }

    /** The hand-written member that holds {@code field}. */
    public String theirMember(Field field) {
        return fieldRenames.getOrDefault(field.name(), field.name());
    }

    /** Which kind of specification a problem is about. */
    public enum SpecKind { STRUCT, FIELD }

    /** One specification that could not be resolved, and why. */
    public record Problem(SpecKind kind, String spec, String message) {}

    /** The mappings, or the problems that prevented them (empty when all resolved). */
    public record Resolution(List<StructMapping> mappings, List<Problem> problems) {
        public Resolution {
            mappings = List.copyOf(mappings);
            problems = List.copyOf(problems);
        }

        public boolean succeeded() {
            return problems.isEmpty();
        }
    }

    /**
     * Resolves specifications as users write them. A struct: {@code NAME=THEIR_NAME}, or {@code NAME}
     * when the hand-written struct has the same name; {@code NAME} is a struct's bare name or, where
     * two packages declare it, {@code package.Name}. A field rename: {@code STRUCT.FIELD=THEIR_FIELD},
     * with {@code STRUCT} written as in a struct specification. Every problem is reported, each with
     * a suggestion where a name is close to a known one.
     */
    public static Resolution resolve(AbiModel model, List<String> structSpecs, List<String> fieldSpecs) {
        List<Problem> problems = new ArrayList<>();
        List<Named> all = new ArrayList<>();
        for (AbiFile f : model.files()) {
            for (StructDecl s : f.decls(StructDecl.class)) {
                all.add(new Named(f, s));
            }
        }
        List<StructMapping> mapped = new ArrayList<>();
        for (String spec : structSpecs) {
            int eq = spec.indexOf('=');
            String name = (eq < 0 ? spec : spec.substring(0, eq)).trim();
            String theirs = eq < 0 ? name : spec.substring(eq + 1).trim();
            Named found = find(all, name, SpecKind.STRUCT, spec, problems);
            if (found == null) {
                continue;
            }
            if (!CPP_TYPE_NAME.matcher(theirs).matches()) {
                problems.add(new Problem(SpecKind.STRUCT, spec,
                        "'" + theirs + "' is not a C++ type name (identifiers separated by ::)"));
                continue;
            }
            mapped.add(new StructMapping(found.file(), found.struct(), name, theirs, Map.of()));
        }
        Map<StructDecl, Map<String, String>> renames = new IdentityHashMap<>();
        for (String spec : fieldSpecs) {
            int eq = spec.indexOf('=');
            String left = (eq < 0 ? spec : spec.substring(0, eq)).trim();
            int dot = left.lastIndexOf('.');
            if (eq < 0 || dot <= 0 || dot == left.length() - 1) {
                problems.add(new Problem(SpecKind.FIELD, spec, "expected STRUCT.FIELD=THEIR_FIELD"));
                continue;
            }
            String fieldName = left.substring(dot + 1);
            String theirs = spec.substring(eq + 1).trim();
            Named owner = find(all, left.substring(0, dot), SpecKind.FIELD, spec, problems);
            if (owner == null) {
                continue;
            }
            StructDecl s = owner.struct();
            Field field = s.field(fieldName).orElse(null);
            if (mapped.stream().noneMatch(m -> m.struct() == s)) {
                problems.add(new Problem(SpecKind.FIELD, spec,
                        "struct '" + s.name() + "' is not checked: map it to a hand-written struct too"));
            } else if (field == null) {
                problems.add(new Problem(SpecKind.FIELD, spec, "struct '" + s.name() + "' has no field '"
                        + fieldName + "'"
                        + hint(fieldName, s.fields().stream().map(Field::name).toList())));
            } else if (field.reserved()) {
                problems.add(new Problem(SpecKind.FIELD, spec, "'" + s.name() + "." + fieldName
                        + "' is reserved; reserved fields are not checked, whatever the hand-written header calls them"));
            } else if (!CPP_IDENTIFIER.matcher(theirs).matches()) {
                problems.add(new Problem(SpecKind.FIELD, spec, "'" + theirs + "' is not a C++ member name"));
            } else {
                renames.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(fieldName, theirs);
            }
        }
        List<StructMapping> mappings = new ArrayList<>();
        for (StructMapping m : mapped) {
            mappings.add(new StructMapping(m.file(), m.struct(), m.label(), m.theirName(),
                    renames.getOrDefault(m.struct(), Map.of())));
        }
        return new Resolution(mappings, problems);
    }

    private record Named(AbiFile file, StructDecl struct) {
        String qualified() {
            return file.packageName() + "." + struct.name();
        }
    }

    private static Named find(List<Named> all, String name, SpecKind kind, String spec, List<Problem> problems) {
        boolean qualified = name.contains(".");
        List<Named> matches = all.stream()
                .filter(n -> qualified ? n.qualified().equals(name) : n.struct().name().equals(name))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            List<String> known = all.stream().map(n -> qualified ? n.qualified() : n.struct().name()).toList();
            problems.add(new Problem(kind, spec, "no struct '" + name + "' in the .abi files" + hint(name, known)));
        } else {
            problems.add(new Problem(kind, spec, "'" + name + "' is declared in more than one package; write one of "
                    + String.join(", ", matches.stream().map(Named::qualified).toList())));
        }
        return null;
    }

    private static String hint(String wanted, java.util.Collection<String> known) {
        return Suggestions.closest(wanted, known).map(s -> "; did you mean '" + s + "'?").orElse("");
    }
}
