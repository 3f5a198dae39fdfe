package dev.abic.compiler.drift;

import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.diag.SourceSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of {@code abic check} and its four renderings: compiler-style text, JSON, SARIF 2.1.0
 * (code scanning) and GitHub Actions workflow commands. Every rendering carries the same findings
 * with the same rule ids; paths in JSON, SARIF and GitHub output are relative to {@code root}
 * (the repository or build root) where they can be.
 *
 * @param baseline the lock file compared with, if any
 * @param verdicts the differences from the baseline, with what the policy made of them
 * @param stale    committed generated files that differ from what the {@code .abi} files produce
 * @param warnings things worth fixing that do not change the outcome (an unused relaxation)
 */
public record CheckReport(Optional<String> baseline, List<Verdict> verdicts, List<Staleness.StaleFile> stale,
                          List<Diagnostic> warnings) {
    /** Exit status bits, in the manner of abidiff: any difference; a failing breaking change; stale files. */
    public static final int NO_CHANGE = 0;
    public static final int CHANGED = 4;
    public static final int BREAKING = 8;
    public static final int STALE = 16;

    /** The id under which stale generated files are reported (it is not an ABI rule). */
    public static final String STALE_RULE = "GENERATED_FILE_STALE";

    public CheckReport {
        verdicts = List.copyOf(verdicts);
        stale = List.copyOf(stale);
        warnings = List.copyOf(warnings);
    }

    /** 0 nothing changed; 4 changes, none failing; 12 failing breaking changes; +16 stale generated files. */
    public int exitStatus() {
        int status = verdicts.isEmpty() ? NO_CHANGE : CHANGED;
        if (verdicts.stream().anyMatch(Verdict::fails)) {
            status |= BREAKING;
        }
        if (!stale.isEmpty()) {
            status |= STALE;
        }
        return status;
    }

    /** True when the check fails: a breaking change not allowed, or a stale file. */
    public boolean failed() {
        return (exitStatus() & (BREAKING | STALE)) != 0;
    }

    public long count(Category category) {
        return verdicts.stream().filter(v -> v.finding().category() == category).count();
    }

    public long failing() {
        return verdicts.stream().filter(Verdict::fails).count();
    }

    /** The last line of the text report. */
    public String summary() {
        if (verdicts.isEmpty() && stale.isEmpty()) {
            return "abic check: no changes" + baseline.map(b -> " from " + b).orElse("")
                    + (baseline.isPresent() ? "" : "; generated files up to date");
        }
        List<String> parts = new ArrayList<>();
        if (baseline.isPresent()) {
            long breaking = count(Category.BREAKING);
            parts.add(breaking + " breaking (" + failing() + " failing)");
            parts.add(count(Category.SOURCE) + " source");
            parts.add(count(Category.COMPATIBLE) + " compatible");
        }
        parts.add(stale.size() + " stale generated file" + (stale.size() == 1 ? "" : "s"));
        return "abic check: " + String.join(", ", parts) + (failed() ? " -- FAILED" : " -- passed");
    }

    // ---- text ----

    private static String severity(Verdict v) {
        return switch (v.status()) {
            case FAILS -> "error";
            case ALLOWED_BY_VERSION, RELAXED -> "warning";
            case REPORTED -> v.finding().category() == Category.SOURCE ? "warning" : "note";
        };
    }

    /** One entry of the text report, with its severity: {@code error}, {@code warning} or {@code note}. */
    public record Entry(String severity, String text) {}

    /**
     * The text report's entries, like a compiler's: {@code file:line:col: error[RULE]: message}, the
     * source line, then the category and why it fails or not; each stale file with its diff.
     */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Verdict v : verdicts) {
            Finding f = v.finding();
            StringBuilder b = new StringBuilder();
            b.append(f.span().location()).append(": ").append(severity(v)).append('[').append(f.rule().name())
                    .append("]: ").append(f.message()).append('\n');
            String excerpt = f.span().excerpt();
            if (!excerpt.isEmpty()) {
                b.append(excerpt).append('\n');
            }
            b.append("  ").append(f.category()).append(v.note().isEmpty() ? "" : ": " + v.note());
            out.add(new Entry(severity(v), b.toString()));
        }
        for (Staleness.StaleFile s : stale) {
            out.add(new Entry("error", s.path() + ": error[" + STALE_RULE + "]: " + s.describe()
                    + "; regenerate it ('abic generate', or 'abic doc' for pages) and commit the result\n" + s.diff().stripTrailing()));
        }
        for (Diagnostic w : warnings) {
            out.add(new Entry("warning", w.render()));
        }
        return out;
    }

    /** The entries and the summary line. */
    public String text() {
        StringBuilder out = new StringBuilder();
        entries().forEach(e -> out.append(e.text()).append('\n'));
        return out.append(summary()).append('\n').toString();
    }

    // ---- JSON ----

    public String json(Path root) {
        List<Json.Value> findings = new ArrayList<>();
        for (Verdict v : verdicts) {
            Finding f = v.finding();
            findings.add(Json.object().put("rule", f.rule().name()).put("category", f.category().name())
                    .put("status", v.status().name()).put("subject", f.subject()).put("message", f.message())
                    .put("file", uri(f.span(), root)).put("line", f.span().line()).put("column", f.span().column())
                    .putIf(!v.note().isEmpty(), "note", Json.str(v.note()))
                    .build());
        }
        List<Json.Value> staleFiles = new ArrayList<>();
        for (Staleness.StaleFile s : stale) {
            staleFiles.add(Json.object().put("file", relative(s.path(), root)).put("kind", s.kind().name())
                    .put("diff", s.diff()).build());
        }
        List<Json.Value> warningList = warnings.stream()
                .map(w -> (Json.Value) Json.str(w.headline())).toList();
        Json.ObjBuilder o = Json.object().put("tool", "abic");
        baseline.ifPresent(b -> o.put("baseline", b));
        return Json.write(o.put("exit_status", exitStatus())
                .put("summary", Json.object().put("breaking", count(Category.BREAKING)).put("failing", failing())
                        .put("source", count(Category.SOURCE)).put("compatible", count(Category.COMPATIBLE))
                        .put("stale", stale.size()).build())
                .put("findings", Json.arr(findings))
                .put("stale", Json.arr(staleFiles))
                .put("warnings", Json.arr(warningList))
                .build());
    }

    // ---- SARIF 2.1.0 ----

    public String sarif(Path root, String toolVersion) {
        List<Json.Value> rules = new ArrayList<>();
        for (Rule r : Rule.values()) {
            rules.add(Json.object().put("id", r.name())
                    .put("shortDescription", Json.object().put("text", r.summary()).build())
                    .put("defaultConfiguration", Json.object()
                            .put("level", r.category() == Category.BREAKING ? "error"
                                    : r.category() == Category.SOURCE ? "warning" : "note").build())
                    .put("properties", Json.object().put("category", r.category().name()).build())
                    .build());
        }
        rules.add(Json.object().put("id", STALE_RULE)
                .put("shortDescription", Json.object().put("text",
                        "A committed generated file differs from what the .abi files produce.").build())
                .put("defaultConfiguration", Json.object().put("level", "error").build())
                .build());
        List<Json.Value> results = new ArrayList<>();
        for (Verdict v : verdicts) {
            Finding f = v.finding();
            results.add(Json.object().put("ruleId", f.rule().name()).put("ruleIndex", f.rule().ordinal())
                    .put("level", severity(v))
                    .put("message", Json.object().put("text", f.message()
                            + (v.note().isEmpty() ? "" : " (" + v.note() + ")")).build())
                    .put("locations", Json.arr(List.of(location(uri(f.span(), root), f.span().line(),
                            f.span().column()))))
                    .put("properties", Json.object().put("category", f.category().name())
                            .put("status", v.status().name()).put("subject", f.subject()).build())
                    .build());
        }
        for (Staleness.StaleFile s : stale) {
            results.add(Json.object().put("ruleId", STALE_RULE).put("ruleIndex", Rule.values().length)
                    .put("level", "error")
                    .put("message", Json.object().put("text", s.describe() + "; regenerate it ('abic generate', or 'abic doc' for pages) and commit the "
                            + "result").build())
                    .put("locations", Json.arr(List.of(location(relative(s.path(), root), 1, 1))))
                    .build());
        }
        Json.ObjBuilder driver = Json.object().put("name", "abic");
        if (toolVersion != null) {
            driver.put("version", toolVersion);
        }
        driver.put("rules", Json.arr(rules));
        return Json.write(Json.object()
                .put("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
                .put("version", "2.1.0")
                .put("runs", Json.arr(List.of(Json.object()
                        .put("tool", Json.object().put("driver", driver.build()).build())
                        .put("results", Json.arr(results))
                        .build())))
                .build());
    }

    private static Json.Value location(String path, int line, int column) {
        return Json.object().put("physicalLocation", Json.object()
                .put("artifactLocation", Json.object().put("uri", sarifUri(path)).build())
                .put("region", Json.object().put("startLine", line).put("startColumn", column).build())
                .build()).build();
    }

    /**
     * A path as a URI reference, as SARIF requires: a relative path percent-encoded (and made
     * {@code ./a:b} when its first segment has a colon), an absolute one as a {@code file:} URI.
     */
    static String sarifUri(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p.toUri().toASCIIString();
        }
        try {
            String encoded = new java.net.URI(null, null, path, null).toASCIIString();
            int slash = encoded.indexOf('/');
            String first = slash < 0 ? encoded : encoded.substring(0, slash);
            return first.contains(":") ? "./" + encoded : encoded;
        } catch (java.net.URISyntaxException e) {
            return path;
        }
    }

    // ---- GitHub Actions ----

    /** Workflow commands ({@code ::error file=…,line=…::message}) that GitHub shows on the pull request's diff. */
    public String github(Path root) {
        StringBuilder out = new StringBuilder();
        for (Verdict v : verdicts) {
            Finding f = v.finding();
            String command = switch (severity(v)) {
                case "error" -> "error";
                case "warning" -> "warning";
                default -> "notice";
            };
            out.append("::").append(command).append(" file=").append(property(uri(f.span(), root)))
                    .append(",line=").append(f.span().line()).append(",col=").append(f.span().column())
                    .append(",title=").append(property("abic " + f.rule().name() + " (" + f.category() + ")"))
                    .append("::").append(data(f.message() + (v.note().isEmpty() ? "" : " (" + v.note() + ")")))
                    .append('\n');
        }
        for (Staleness.StaleFile s : stale) {
            out.append("::error file=").append(property(relative(s.path(), root))).append(",line=1,title=")
                    .append(property("abic " + STALE_RULE)).append("::")
                    .append(data(s.describe() + "; regenerate it ('abic generate', or 'abic doc' for pages) and commit the result\n" + s.diff()))
                    .append('\n');
        }
        out.append(summary()).append('\n');
        return out.toString();
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    // ---- paths ----

    private static String uri(SourceSpan span, Path root) {
        return relative(Path.of(span.file().displayName()), root);
    }

    /** {@code path} relative to {@code root} with forward slashes when it is below it; else as it is. */
    static String relative(Path path, Path root) {
        Path p = path;
        if (root != null) {
            Path abs = path.toAbsolutePath().normalize();
            Path base = root.toAbsolutePath().normalize();
            if (abs.startsWith(base)) {
                p = base.relativize(abs);
            }
        }
        return p.toString().replace('\\', '/');
    }

    /** The names of the output formats. */
    public enum Format {
        TEXT, JSON, SARIF, GITHUB;

        public static Optional<Format> of(String name) {
            return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The report in one format. */
    public String render(Format format, Path root, String toolVersion) {
        return switch (format) {
            case TEXT -> text();
            case JSON -> json(root);
            case SARIF -> sarif(root, toolVersion);
            case GITHUB -> github(root);
        };
    }
}
