package dev.abic.compiler.drift;

import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.diag.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which findings fail the check. A breaking change fails unless the ABI major version of
 * its file ({@code option abi_version = "2.1";}, first number; a file without one is version 0) is
 * higher than in the baseline, or the configuration relaxes its rule for its subject. Source and
 * compatible changes never fail.
 */
public final class Policy {
    private Policy() {}

    /** The verdicts, in the order of the findings, and a warning for each relaxation that matched nothing. */
    public record Outcome(List<Verdict> verdicts, List<Diagnostic> warnings) {
        public Outcome {
            verdicts = List.copyOf(verdicts);
            warnings = List.copyOf(warnings);
        }
    }

    public static Outcome judge(Snapshot baseline, Snapshot current, List<Finding> findings, CheckConfig config) {
        Map<String, Optional<String>> before = versions(baseline);
        Map<String, Optional<String>> after = versions(current);
        List<Verdict> verdicts = new ArrayList<>();
        boolean[] used = new boolean[config.relaxations().size()];
        for (Finding f : findings) {
            if (f.category() != Category.BREAKING) {
                verdicts.add(new Verdict(f, Verdict.Status.REPORTED, ""));
                continue;
            }
            Optional<String> was = before.getOrDefault(f.file(), Optional.empty());
            Optional<String> now = after.get(f.file());
            if (now != null && major(now) > major(was)) {
                verdicts.add(new Verdict(f, Verdict.Status.ALLOWED_BY_VERSION, "allowed: abi_version of " + f.file()
                        + " went from " + was.orElse("(none)") + " to " + now.get()));
                continue;
            }
            Verdict v = null;
            for (int i = 0; i < used.length && v == null; i++) {
                CheckConfig.Relaxation r = config.relaxations().get(i);
                if (r.matches(f)) {
                    used[i] = true;
                    v = new Verdict(f, Verdict.Status.RELAXED, "relaxed at " + r.span().location() + ": " + r.reason());
                }
            }
            verdicts.add(v != null ? v : new Verdict(f, Verdict.Status.FAILS, "bump the major abi_version of "
                    + f.file() + " (now " + (now == null ? "removed" : now.orElse("not set")) + ") or relax "
                    + f.rule().name() + " with a reason"));
        }
        List<Diagnostic> warnings = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                CheckConfig.Relaxation r = config.relaxations().get(i);
                warnings.add(new Diagnostic(Severity.WARNING, Optional.of(r.span()), "this relaxation of "
                        + r.rule().name() + r.subject().map(s -> " for " + s).orElse("")
                        + " matches no change; remove it", Optional.empty()));
            }
        }
        return new Outcome(verdicts, warnings);
    }

    private static Map<String, Optional<String>> versions(Snapshot s) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        s.files().forEach(f -> out.put(f.file(), f.abiVersion()));
        return out;
    }

    /** The first number of a version; 0 without one. The compiler checked the syntax. */
    static long major(Optional<String> version) {
        return version.map(v -> {
            int dot = v.indexOf('.');
            try {
                return Long.parseLong(dot < 0 ? v : v.substring(0, dot));
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }
}
