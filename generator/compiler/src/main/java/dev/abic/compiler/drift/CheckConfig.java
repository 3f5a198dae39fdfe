package dev.abic.compiler.drift;

import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.diag.SourceSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The check configuration ({@code abic-check.json}): breaking rules a project accepts on purpose,
 * each with its reason, optionally only for some subjects.
 *
 * <pre>{@code
 * {
 *   "relax": [
 *     {"rule": "CONSTANT_VALUE_CHANGED", "subject": "simpler.l3l2.L3L2_QUEUE_MAX_DEPTH",
 *      "reason": "both sides read the capacity from the region header, never from the constant"}
 *   ]
 * }
 * }</pre>
 */
public record CheckConfig(List<Relaxation> relaxations) {
    public static final CheckConfig NONE = new CheckConfig(List.of());

    public CheckConfig {
        relaxations = List.copyOf(relaxations);
    }

    /**
     * One relaxed rule. {@code subject}: a qualified name ({@code simpler.l3l2.DescSlot.seq}), or a
     * prefix ending in {@code *} ({@code simpler.l3l2.*}); absent: every subject.
     */
    public record Relaxation(Rule rule, Optional<String> subject, String reason, SourceSpan span) {
        public boolean matches(Finding f) {
            if (f.rule() != rule) {
                return false;
            }
            return subject.map(s -> s.endsWith("*") ? f.subject().startsWith(s.substring(0, s.length() - 1))
                    : f.subject().equals(s)).orElse(true);
        }
    }

    /** Reads a configuration; unknown keys, unknown rules and missing reasons are errors at their position. */
    public static CheckConfig read(SourceFile file) throws InvalidFile {
        Json.Value root = Json.parse(file);
        JsonFields top = JsonFields.of(root, "the check configuration", Set.of("relax"));
        List<Relaxation> out = new ArrayList<>();
        if (top.has("relax")) {
            for (Json.Value v : top.array("relax")) {
                JsonFields r = JsonFields.of(v, "a relaxation", Set.of("rule", "subject", "reason"));
                String id = r.string("rule");
                Rule rule = Arrays.stream(Rule.values()).filter(x -> x.name().equals(id)).findFirst()
                        .orElseThrow(() -> new InvalidFile(JsonFields.span(v), "unknown rule \"" + id + "\"; "
                                + "the rules are listed by 'abic check --list-rules'"));
                if (rule.category() != Category.BREAKING) {
                    throw new InvalidFile(JsonFields.span(r.required("rule")), rule.name() + " is a "
                            + rule.category() + " rule: it never fails the check, there is nothing to relax");
                }
                String reason = r.string("reason").strip();
                if (reason.isEmpty()) {
                    throw new InvalidFile(JsonFields.span(r.required("reason")),
                            "a relaxation needs a reason: say why this change is safe");
                }
                Optional<String> subject = r.has("subject") ? Optional.of(r.string("subject")) : Optional.empty();
                out.add(new Relaxation(rule, subject, reason, r.span()));
            }
        }
        return new CheckConfig(out);
    }
}
