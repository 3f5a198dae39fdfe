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
            int relaxation = -1;
            for (int i = 0; i < used.length && relaxation < 0; i++) {
                if (config.relaxations().get(i).matches(f)) {
                    used[i] = true;
                    relaxation = i;
                }
            }
            if (f.category() != Category.BREAKING) {
                verdicts.add(new Verdict(f, Verdict.Status.REPORTED, ""));
                continue;
            }
            // The version the declaration had where it was, against the one it has where it is.
            Optional<String> was = f.baselineFile().isEmpty() ? Optional.empty()
                    : before.getOrDefault(f.baselineFile(), Optional.empty());
            Optional<String> now = after.get(f.file());
            if (!f.baselineFile().isEmpty() && now != null && major(now).compareTo(major(was)) > 0) {
                verdicts.add(new Verdict(f, Verdict.Status.ALLOWED_BY_VERSION, "allowed: abi_version of " + f.file()
                        + " went from " + was.orElse("(none)") + " to " + now.get()));
            } else if (relaxation >= 0) {
                CheckConfig.Relaxation r = config.relaxations().get(relaxation);
                verdicts.add(new Verdict(f, Verdict.Status.RELAXED, "relaxed at " + r.span().location() + ": "
                        + r.reason()));
            } else {
                verdicts.add(new Verdict(f, Verdict.Status.FAILS, "bump the major abi_version of " + f.file() + " (now "
                        + (now == null ? "removed" : now.orElse("not set")) + ") or relax " + f.rule().name()
                        + " with a reason"));
            }
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
    static java.math.BigInteger major(Optional<String> version) {
        return version.map(v -> {
            int dot = v.indexOf('.');
            try {
                return new java.math.BigInteger(dot < 0 ? v : v.substring(0, dot));
            } catch (NumberFormatException e) {
                return java.math.BigInteger.ZERO;
            }
        }).orElse(java.math.BigInteger.ZERO);
    }
}
