package dev.abic.compiler.drift;

import dev.abic.compiler.diag.SourceSpan;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed access to one object of abic's own JSON files, every complaint at the right line and column. */
final class JsonFields {

    final Json.Obj obj;
    final String what;

    private JsonFields(Json.Obj obj, String what) {
        this.obj = obj;
        this.what = what;
    }

    /** {@code allowed} null: any key. */
    static JsonFields of(Json.Value v, String what, Set<String> allowed) throws InvalidFile {
        if (!(v instanceof Json.Obj o)) {
            throw new InvalidFile(span(v), what + " must be a JSON object");
        }
        if (allowed != null) {
            for (Map.Entry<String, SourceSpan> k : o.keySpans().entrySet()) {
                if (!allowed.contains(k.getKey())) {
                    throw new InvalidFile(k.getValue(), "unknown key \"" + k.getKey() + "\" in " + what
                            + "; expected " + String.join(", ", allowed.stream().sorted().toList()));
                }
            }
        }
        return new JsonFields(o, what);
    }

    SourceSpan span() {
        return span(obj);
    }

    boolean has(String key) {
        return obj.members().containsKey(key);
    }

    Json.Value required(String key) throws InvalidFile {
        Json.Value v = obj.members().get(key);
        if (v == null) {
            throw new InvalidFile(span(), what + " has no \"" + key + "\"");
        }
        return v;
    }

    String string(String key) throws InvalidFile {
        Json.Value v = required(key);
        if (!(v instanceof Json.Str s)) {
            throw new InvalidFile(span(v), "\"" + key + "\" must be a string");
        }
        return s.value();
    }

    long integer(String key) throws InvalidFile {
        Json.Value v = required(key);
        if (v instanceof Json.Num n) {
            try {
                long value = Long.parseLong(n.text());
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidFile(span(v), "\"" + key + "\" must be a whole number of bytes, not " + text(v));
    }

    BigInteger bigInteger(String key) throws InvalidFile {
        Json.Value v = required(key);
        if (v instanceof Json.Str s) {
            try {
                return s.value().startsWith("0x") ? new BigInteger(s.value().substring(2), 16)
                        : new BigInteger(s.value());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidFile(span(v), "\"" + key + "\" must be an integer in a string (\"42\" or \"0x2A\"), not "
                + text(v));
    }

    boolean flag(String key) throws InvalidFile {
        if (!has(key)) {
            return false;
        }
        Json.Value v = required(key);
        if (!(v instanceof Json.Bool b)) {
            throw new InvalidFile(span(v), "\"" + key + "\" must be true or false");
        }
        return b.value();
    }

    List<Json.Value> array(String key) throws InvalidFile {
        Json.Value v = required(key);
        if (!(v instanceof Json.Arr a)) {
            throw new InvalidFile(span(v), "\"" + key + "\" must be an array");
        }
        return a.items();
    }

    List<String> strings(String key) throws InvalidFile {
        List<String> out = new ArrayList<>();
        for (Json.Value v : array(key)) {
            if (!(v instanceof Json.Str s)) {
                throw new InvalidFile(span(v), "\"" + key + "\" must hold strings");
            }
            out.add(s.value());
        }
        return out;
    }

    static SourceSpan span(Json.Value v) {
        return v.span().orElseThrow();
    }

    /** A value for a message. */
    static String text(Json.Value v) {
        return v instanceof Json.Str s ? "\"" + s.value() + "\"" : v instanceof Json.Num n ? n.text()
                : v instanceof Json.Bool b ? Boolean.toString(b.value()) : "a JSON " + (v instanceof Json.Obj ? "object"
                : v instanceof Json.Arr ? "array" : "null");
    }
}
