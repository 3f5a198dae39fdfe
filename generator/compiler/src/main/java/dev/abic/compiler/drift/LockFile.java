package dev.abic.compiler.drift;

import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.diag.SourceSpan;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lock file ({@code abi.lock}): a {@link Snapshot} as JSON. Keys in a fixed order, entries in
 * source order, one field, value or constant per line, no timestamps or tool versions: the same ABI
 * always gives the same bytes, and a change to the ABI is a small, readable diff.
 */
public final class LockFile {
    private LockFile() {}

    /** The format written; a reader refuses other formats rather than guess. */
    public static final int FORMAT = 1;

    private static final String COMMENT =
            "The ABI of these .abi files, written by 'abic lock'. 'abic check --baseline' compares with it. "
                    + "Do not edit: change the .abi files and run 'abic lock' again.";

    /** The lock file's text. */
    public static String write(Snapshot snapshot) {
        List<Json.Value> files = new ArrayList<>();
        for (Snapshot.FileEntry f : snapshot.files()) {
            Json.ObjBuilder o = Json.object().put("file", f.file()).put("package", f.packageName());
            if (!f.options().isEmpty()) {
                Map<String, Json.Value> options = new LinkedHashMap<>();
                f.options().forEach((k, v) -> options.put(k, Json.str(v)));
                o.put("options", Json.obj(options));
            }
            o.put("constants", Json.arr(f.constants().stream().map(LockFile::constant).toList()));
            o.put("enums", Json.arr(f.enums().stream().map(LockFile::enumEntry).toList()));
            o.put("structs", Json.arr(f.structs().stream().map(LockFile::struct).toList()));
            o.put("layouts", Json.arr(f.layouts().stream().map(LockFile::layout).toList()));
            files.add(o.build());
        }
        return Json.write(Json.object()
                .put("abic_lock", FORMAT)
                .put("comment", COMMENT)
                .put("files", Json.arr(files))
                .build());
    }

    private static Json.Value constant(Snapshot.ConstEntry c) {
        return Json.object().put("name", c.name()).put("type", c.type()).put("value", number(c.value(), c.radix())).build();
    }

    private static Json.Value enumEntry(Snapshot.EnumEntry e) {
        return Json.object().put("name", e.name()).put("kind", e.kind()).put("underlying", e.underlying())
                .put("values", Json.arr(e.values().stream()
                        .map(v -> Json.object().put("name", v.name()).put("value", number(v.value(), v.radix())).build())
                        .toList()))
                .build();
    }

    private static Json.Value struct(Snapshot.StructEntry s) {
        return Json.object().put("name", s.name()).put("size", s.size()).put("align", s.align())
                .put("fields", Json.arr(s.fields().stream().map(LockFile::field).toList()))
                .build();
    }

    private static Json.Value field(Snapshot.FieldEntry f) {
        Json.ObjBuilder o = Json.object().put("name", f.name()).put("offset", f.offset()).put("size", f.size())
                .put("type", f.type())
                .putIf(f.reserved(), "reserved", Json.bool(true))
                .putIf(f.atomic(), "atomic", Json.bool(true));
        f.max().ifPresent(m -> o.put("max", m.toString()));
        f.countOf().ifPresent(c -> o.put("count_of", c));
        return o.build();
    }

    private static Json.Value layout(Snapshot.LayoutEntry l) {
        return Json.object().put("name", l.name())
                .put("params", Json.arr(l.params().stream().map(Json::str).toList()))
                .put("require", Json.arr(l.requires().stream().map(Json::str).toList()))
                .put("sections", Json.arr(l.sections().stream().map(s -> {
                    Json.ObjBuilder o = Json.object().put("name", s.name()).put("type", s.type())
                            .put("element_size", s.elementSize()).put("align", s.align());
                    s.at().ifPresent(a -> o.put("at", a));
                    return o.build();
                }).toList()))
                .put("align", l.align())
                .build();
    }

    /** A value as a string (64-bit values do not survive JSON numbers everywhere): hex when written in hex. */
    static String number(BigInteger value, int radix) {
        if (radix == 16 && value.signum() >= 0) {
            return "0x" + value.toString(16).toUpperCase(java.util.Locale.ROOT);
        }
        return value.toString();
    }

    // ---- reading ----

    /** Reads a lock file; anything that is not exactly what {@link #write} produces is an error with its position. */
    public static Snapshot read(SourceFile file) throws InvalidFile {
        Json.Value root = Json.parse(file);
        JsonFields top = JsonFields.of(root, "the lock file", Set.of("abic_lock", "comment", "files"));
        Json.Value format = top.required("abic_lock");
        if (!(format instanceof Json.Num n) || !n.text().equals(Integer.toString(FORMAT))) {
            throw new InvalidFile(JsonFields.span(format), "unsupported lock file format " + JsonFields.text(format) + "; this abic reads format "
                    + FORMAT + " (write it again with 'abic lock')");
        }
        List<Snapshot.FileEntry> files = new ArrayList<>();
        for (Json.Value v : top.array("files")) {
            JsonFields f = JsonFields.of(v, "a file entry",
                    Set.of("file", "package", "options", "constants", "enums", "structs", "layouts"));
            String fileName = f.string("file");
            String packageName = f.string("package");
            Map<String, String> options = new LinkedHashMap<>();
            if (f.has("options")) {
                JsonFields o = JsonFields.of(f.required("options"), "options", null);
                for (String key : o.obj.members().keySet()) {
                    options.put(key, o.string(key));
                }
            }
            List<Snapshot.ConstEntry> constants = new ArrayList<>();
            for (Json.Value c : f.array("constants")) {
                JsonFields r = JsonFields.of(c, "a constant", Set.of("name", "type", "value"));
                Json.Value value = r.required("value");
                constants.add(new Snapshot.ConstEntry(r.string("name"), r.string("type"), r.bigInteger("value"),
                        radix(value), r.span()));
            }
            List<Snapshot.EnumEntry> enums = new ArrayList<>();
            for (Json.Value e : f.array("enums")) {
                JsonFields r = JsonFields.of(e, "an enum", Set.of("name", "kind", "underlying", "values"));
                String kind = r.string("kind");
                if (!kind.equals("enum") && !kind.equals("flags")) {
                    throw new InvalidFile(JsonFields.span(r.required("kind")), "kind must be \"enum\" or \"flags\", not \"" + kind + "\"");
                }
                List<Snapshot.ValueEntry> values = new ArrayList<>();
                for (Json.Value x : r.array("values")) {
                    JsonFields vr = JsonFields.of(x, "an enum value", Set.of("name", "value"));
                    values.add(new Snapshot.ValueEntry(vr.string("name"), vr.bigInteger("value"),
                            radix(vr.required("value")), vr.span()));
                }
                enums.add(new Snapshot.EnumEntry(r.string("name"), kind.equals("flags"), r.string("underlying"), values,
                        r.span()));
            }
            List<Snapshot.StructEntry> structs = new ArrayList<>();
            for (Json.Value s : f.array("structs")) {
                JsonFields r = JsonFields.of(s, "a struct", Set.of("name", "size", "align", "fields"));
                List<Snapshot.FieldEntry> fields = new ArrayList<>();
                for (Json.Value x : r.array("fields")) {
                    JsonFields fr = JsonFields.of(x, "a field",
                            Set.of("name", "offset", "size", "type", "reserved", "atomic", "max", "count_of"));
                    fields.add(new Snapshot.FieldEntry(fr.string("name"), fr.integer("offset"), fr.integer("size"),
                            fr.string("type"), fr.flag("reserved"), fr.flag("atomic"),
                            fr.has("max") ? Optional.of(fr.bigInteger("max")) : Optional.empty(),
                            fr.has("count_of") ? Optional.of(fr.string("count_of")) : Optional.empty(), fr.span()));
                }
                structs.add(new Snapshot.StructEntry(r.string("name"), r.integer("size"), r.integer("align"), fields,
                        r.span()));
            }
            List<Snapshot.LayoutEntry> layouts = new ArrayList<>();
            for (Json.Value l : f.array("layouts")) {
                JsonFields r = JsonFields.of(l, "a layout", Set.of("name", "params", "require", "sections", "align"));
                List<Snapshot.SectionEntry> sections = new ArrayList<>();
                for (Json.Value x : r.array("sections")) {
                    JsonFields sr = JsonFields.of(x, "a section", Set.of("name", "type", "element_size", "align", "at"));
                    sections.add(new Snapshot.SectionEntry(sr.string("name"), sr.string("type"), sr.integer("element_size"),
                            sr.integer("align"),
                            sr.has("at") ? Optional.of(sr.string("at")) : Optional.empty(), sr.span()));
                }
                layouts.add(new Snapshot.LayoutEntry(r.string("name"), r.strings("params"), r.strings("require"),
                        sections, r.integer("align"), r.span()));
            }
            files.add(new Snapshot.FileEntry(fileName, packageName, options, constants, enums, structs,
                    layouts, f.span()));
        }
        return new Snapshot(files);
    }

    private static int radix(Json.Value v) {
        return v instanceof Json.Str s && s.value().startsWith("0x") ? 16 : 10;
    }
}
