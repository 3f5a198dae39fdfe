package dev.abic.compiler.drift;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.diag.SourceSpan;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of abic's own files (the lock file, the check configuration, reports): values that know
 * where they were read, so that every complaint about a file points at its line and column, and a
 * writer whose layout reviews well in a diff (a container of plain values on one line).
 */
public final class Json {
    private Json() {}

    /** A JSON value; {@code span} is where it was read (absent for values built in memory). */
    public sealed interface Value permits Obj, Arr, Str, Num, Bool, Null {
        Optional<SourceSpan> span();
    }

    /** An object; member order is kept. */
    public record Obj(Map<String, Value> members, Map<String, SourceSpan> keySpans, Optional<SourceSpan> span)
            implements Value {
        public Obj {
            members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
            keySpans = Map.copyOf(keySpans);
        }

        public Optional<Value> get(String key) {
            return Optional.ofNullable(members.get(key));
        }
    }

    public record Arr(List<Value> items, Optional<SourceSpan> span) implements Value {
        public Arr {
            items = List.copyOf(items);
        }
    }

    public record Str(String value, Optional<SourceSpan> span) implements Value {}

    /** A number, kept as written (integers of any size survive). */
    public record Num(String text, Optional<SourceSpan> span) implements Value {}

    public record Bool(boolean value, Optional<SourceSpan> span) implements Value {}

    public record Null(Optional<SourceSpan> span) implements Value {}

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads one JSON document: exactly one value, nothing after it; anything else is an error at its position. */
    public static Value parse(SourceFile file) throws InvalidFile {
        try (JsonParser p = FACTORY.createParser(file.text())) {
            if (p.nextToken() == null) {
                throw new InvalidFile(new SourceSpan(file, 1, 1, 1), "the file is empty; expected a JSON object");
            }
            Value v = read(p, file);
            if (p.nextToken() != null) {
                throw new InvalidFile(at(file, p.currentTokenLocation()), "unexpected text after the JSON value");
            }
            return v;
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            int cut = message.indexOf('\n');
            throw new InvalidFile(at(file, e.getLocation()), "invalid JSON: " + (cut < 0 ? message : message.substring(0, cut)));
        } catch (IOException e) {
            throw new InvalidFile(new SourceSpan(file, 1, 1, 1), "cannot read JSON: " + e.getMessage());
        }
    }

    private static Value read(JsonParser p, SourceFile file) throws IOException {
        JsonToken t = p.currentToken();
        Optional<SourceSpan> span = Optional.of(at(file, p.currentTokenLocation()));
        switch (t) {
            case START_OBJECT -> {
                Map<String, Value> members = new LinkedHashMap<>();
                Map<String, SourceSpan> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    keys.put(name, at(file, p.currentTokenLocation()));
                    p.nextToken();
                    members.put(name, read(p, file));
                }
                return new Obj(members, keys, span);
            }
            case START_ARRAY -> {
                List<Value> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, file));
                }
                return new Arr(items, span);
            }
            case VALUE_STRING -> {
                return new Str(p.getText(), span);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Num(p.getText(), span);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Bool(t == JsonToken.VALUE_TRUE, span);
            }
            case VALUE_NULL -> {
                return new Null(span);
            }
            default -> throw new JsonParseException(p, "unexpected " + t);
        }
    }

    private static SourceSpan at(SourceFile file, JsonLocation location) {
        int line = location == null ? 1 : Math.max(1, location.getLineNr());
        int column = location == null ? 1 : Math.max(1, location.getColumnNr());
        return new SourceSpan(file, line, column, 1);
    }

    // ---- building values in memory ----

    public static Obj obj(Map<String, Value> members) {
        return new Obj(members, Map.of(), Optional.empty());
    }

    public static Arr arr(List<? extends Value> items) {
        return new Arr(List.copyOf(items), Optional.empty());
    }

    public static Str str(String s) {
        return new Str(s, Optional.empty());
    }

    public static Num num(long n) {
        return new Num(Long.toString(n), Optional.empty());
    }

    public static Num num(BigInteger n) {
        return new Num(n.toString(), Optional.empty());
    }

    public static Bool bool(boolean b) {
        return new Bool(b, Optional.empty());
    }

    /** An object builder that keeps insertion order and skips absent values. */
    public static final class ObjBuilder {
        private final Map<String, Value> members = new LinkedHashMap<>();

        public ObjBuilder put(String key, Value v) {
            members.put(key, v);
            return this;
        }

        public ObjBuilder put(String key, String s) {
            return put(key, str(s));
        }

        public ObjBuilder put(String key, long n) {
            return put(key, num(n));
        }

        public ObjBuilder putIf(boolean condition, String key, Value v) {
            return condition ? put(key, v) : this;
        }

        public Obj build() {
            return obj(members);
        }
    }

    public static ObjBuilder object() {
        return new ObjBuilder();
    }

    // ---- writing ----

    /**
     * The value as text: two-space indent, an object or array that holds only plain values (or
     * arrays of plain values) on one line, everything else one member per line; a final newline.
     */
    public static String write(Value v) {
        StringBuilder out = new StringBuilder();
        write(v, out, 0);
        return out.append('\n').toString();
    }

    private static void write(Value v, StringBuilder out, int indent) {
        boolean inline = isFlat(v);
        if (v instanceof Obj o) {
            if (o.members().isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> e : o.members().entrySet()) {
                if (!first) {
                    out.append(',');
                }
                if (inline) {
                    out.append(first ? "" : " ");
                } else {
                    newline(out, indent + 1);
                }
                first = false;
                quote(e.getKey(), out);
                out.append(": ");
                write(e.getValue(), out, indent + 1);
            }
            if (!inline) {
                newline(out, indent);
            }
            out.append('}');
        } else if (v instanceof Arr a) {
            if (a.items().isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                out.append(i == 0 ? "" : inline ? ", " : ",");
                if (!inline) {
                    newline(out, indent + 1);
                }
                write(a.items().get(i), out, indent + 1);
            }
            if (!inline) {
                newline(out, indent);
            }
            out.append(']');
        } else if (v instanceof Str s) {
            quote(s.value(), out);
        } else if (v instanceof Num n) {
            out.append(n.text());
        } else if (v instanceof Bool b) {
            out.append(b.value());
        } else {
            out.append("null");
        }
    }

    /** Plain values, or a container of plain values and arrays of plain values. */
    private static boolean isFlat(Value v) {
        if (v instanceof Obj o) {
            return o.members().values().stream().allMatch(Json::isPlainOrPlainArray);
        }
        return !(v instanceof Arr a) || a.items().stream().allMatch(Json::isPlain);
    }

    private static boolean isPlainOrPlainArray(Value v) {
        return isPlain(v) || (v instanceof Arr a && a.items().stream().allMatch(Json::isPlain));
    }

    private static boolean isPlain(Value v) {
        return !(v instanceof Obj) && !(v instanceof Arr);
    }

    private static void newline(StringBuilder out, int indent) {
        out.append('\n').append("  ".repeat(indent));
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
