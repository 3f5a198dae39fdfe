package dev.abic.cli;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The usage help of {@code abic} and of every command under it (walked through picocli's
 * {@link CommandSpec}, so a new command or option cannot escape) is complete and agrees with
 * {@code docs/cli.md}.
 *
 * <p>How the doc is read: the first code block before the first {@code ##} heading is the synopsis,
 * one entry per {@code abic NAME ...} (continuation lines are indented); {@code abic COMMAND ...}
 * applies to every command. A {@code ##} section belongs to the commands its heading names as
 * {@code `abic NAME`}; the text before the first {@code ##} is the top-level command's section. In a
 * section, option names in {@code $ ./abic NAME ...} example lines and in {@code `abic NAME ...`}
 * spans belong to NAME; others to the section's commands; lines of example output are not read. The
 * {@code ## Exit status} table gives the statuses, a row whose meaning starts with {@code `command`:}
 * applying only to the commands it names.
 *
 * <p>The repository root is the system property {@code abic.root} when set, else the first directory
 * upwards from the working directory (surefire runs in {@code generator/cli}) that has {@code docs/cli.md}.
 */
class HelpConsistencyTest {
    private static final Pattern OPTION_TOKEN = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*|-[A-Za-z])(?![\\w-])");
    private static final Pattern SECTION_COMMAND = Pattern.compile("`abic ([a-z][a-z-]*)`");
    private static final Pattern EXAMPLE_LINE = Pattern.compile("^\\$ (?:\\./)?abic ([a-z][a-z-]*)\\b(.*)$");
    private static final Pattern ABIC_SPAN = Pattern.compile("`(?:\\./)?abic ([a-z][a-z-]*)\\b([^`]*)`");
    private static final Pattern FOOTER_STATUS = Pattern.compile("(?:^\\s*|;\\s*)\\+?(\\d+)(?=\\s)|\\+(\\d+)\\b");
    /** The start of a meaning, or of a part of it after ';', that names the commands it is for. */
    private static final Pattern RESTRICTED_TO =
            Pattern.compile("(?:^|;)\\s*((?:`[a-z][a-z-]*`(?:\\s*,\\s*|\\s+and\\s+|\\s+or\\s+)?)+):");
    private static final Pattern COMMAND_NAME = Pattern.compile("`([a-z][a-z-]*)`");
    /** The top-level command's "section": the text before the first heading. */
    private static final String ROOT = "abic";
    /** The synopsis entry that applies to every command ({@code abic COMMAND --help}). */
    private static final String ANY = "COMMAND";

    private static CommandSpec root;
    private static List<CommandSpec> commands;
    /** Command name (ROOT for the top level) to the text of its sections. */
    private static final Map<String, StringBuilder> sections = new LinkedHashMap<>();
    /** Command name (ANY for all, ROOT for the top level) to its synopsis entries. */
    private static final Map<String, StringBuilder> synopsis = new LinkedHashMap<>();
    /** Option names the doc uses, each with the commands of which it should be an option of one. */
    private static final List<Map.Entry<String, Set<String>>> documentedOptions = new ArrayList<>();
    /** Exit status to the commands it is restricted to (empty: every command). */
    private static final Map<Integer, Set<String>> docStatuses = new LinkedHashMap<>();

    @BeforeAll
    static void readSpecAndDoc() throws IOException {
        root = new CommandLine(new AbicCommand()).getCommandSpec();
        commands = new ArrayList<>();
        collect(root, commands);
        parseDoc(Files.readAllLines(repositoryRoot().resolve("docs/cli.md"), StandardCharsets.UTF_8));
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        if (into.stream().anyMatch(s -> s == spec)) {
            return; // an alias
        }
        into.add(spec);
        spec.subcommands().values().forEach(c -> collect(c.getCommandSpec(), into));
    }

    private static Path repositoryRoot() {
        String property = System.getProperty("abic.root");
        if (property != null) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/cli.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docs/cli.md above " + Path.of("").toAbsolutePath()
                + "; set -Dabic.root=<repository root>");
    }

    private static void parseDoc(List<String> lines) {
        Set<String> current = Set.of(ROOT);
        boolean inCode = false;
        boolean synopsisDone = false;
        boolean inExitStatus = false;
        String entry = null;
        for (String line : lines) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                if (!inCode && current.equals(Set.of(ROOT))) {
                    synopsisDone = true;
                }
                continue;
            }
            if (!inCode && line.startsWith("## ")) {
                Set<String> named = new LinkedHashSet<>();
                Matcher m = SECTION_COMMAND.matcher(line);
                while (m.find()) {
                    named.add(m.group(1));
                }
                current = named;
                inExitStatus = line.strip().equalsIgnoreCase("## Exit status");
                for (String c : named) {
                    sections.computeIfAbsent(c, k -> new StringBuilder()).append(line).append('\n');
                }
                continue;
            }
            if (inExitStatus && line.startsWith("|")) {
                readStatusRow(line);
            }
            if (current.isEmpty()) {
                continue; // not about one command (speed, exit status)
            }
            if (inCode && current.equals(Set.of(ROOT)) && !synopsisDone) {
                // The synopsis: entries "abic NAME ...", several on a line when set apart by 2+ spaces.
                boolean continuation = Character.isWhitespace(line.isEmpty() ? 'x' : line.charAt(0));
                for (String part : line.strip().split("\\s{2,}(?=abic\\b)")) {
                    if (part.startsWith("abic ")) {
                        String second = part.substring(5).strip().split("\\s+")[0];
                        entry = second.startsWith("-") ? ROOT : second;
                    } else if (!continuation || entry == null) {
                        continue;
                    }
                    synopsis.computeIfAbsent(entry, k -> new StringBuilder()).append(part).append('\n');
                    Set<String> owners = Set.of(entry);
                    for (String token : optionTokens(part)) {
                        documentedOptions.add(Map.entry(token, owners));
                    }
                }
                sections.computeIfAbsent(ROOT, k -> new StringBuilder()).append(line).append('\n');
                continue;
            }
            for (String c : current) {
                sections.computeIfAbsent(c, k -> new StringBuilder()).append(line).append('\n');
            }
            if (inCode) {
                Matcher example = EXAMPLE_LINE.matcher(line);
                if (example.matches()) {
                    for (String token : optionTokens(example.group(2))) {
                        documentedOptions.add(Map.entry(token, Set.of(example.group(1))));
                    }
                }
                continue; // example output is not read
            }
            Matcher span = ABIC_SPAN.matcher(line);
            StringBuilder rest = new StringBuilder();
            int last = 0;
            while (span.find()) {
                rest.append(line, last, span.start());
                last = span.end();
                for (String token : optionTokens(span.group(2))) {
                    documentedOptions.add(Map.entry(token, Set.of(span.group(1))));
                }
            }
            rest.append(line.substring(last));
            for (String token : optionTokens(rest.toString())) {
                documentedOptions.add(Map.entry(token, current));
            }
        }
    }

    private static void readStatusRow(String line) {
        String[] cells = line.split("\\|");
        if (cells.length < 3 || !cells[1].strip().matches("\\+?\\d+(\\s*,\\s*\\+?\\d+)*")) {
            return; // header or separator row
        }
        Set<String> restricted = new TreeSet<>();
        Matcher m = RESTRICTED_TO.matcher(cells[2]);
        while (m.find()) {
            Matcher name = COMMAND_NAME.matcher(m.group(1));
            while (name.find()) {
                restricted.add(name.group(1));
            }
        }
        for (String status : cells[1].split(",")) {
            docStatuses.put(Integer.parseInt(status.strip().replace("+", "")), restricted);
        }
    }

    private static List<String> optionTokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = OPTION_TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    private static String nameOf(CommandSpec spec) {
        return spec == root ? ROOT : spec.name();
    }

    private static String qualified(CommandSpec spec) {
        return spec.qualifiedName();
    }

    private static boolean isHelpOption(OptionSpec o) {
        return o.usageHelp() || o.versionHelp();
    }

    private static boolean blank(String[] text) {
        return text.length == 0 || Arrays.stream(text).allMatch(String::isBlank);
    }

    private static void assertNoProblems(String what, List<String> problems) {
        org.junit.jupiter.api.Assertions.assertTrue(problems.isEmpty(), what + ":\n  " + String.join("\n  ", problems));
    }

    @Test
    void everyCommandOptionAndParameterHasADescription() {
        List<String> problems = new ArrayList<>();
        for (CommandSpec c : commands) {
            if (blank(c.usageMessage().description())) {
                problems.add(qualified(c) + ": no description");
            }
            for (OptionSpec o : c.options()) {
                if (blank(o.description())) {
                    problems.add(qualified(c) + " " + o.longestName() + ": no description");
                }
            }
            for (PositionalParamSpec p : c.positionalParameters()) {
                if (blank(p.description())) {
                    problems.add(qualified(c) + " " + p.paramLabel() + ": no description");
                }
            }
        }
        assertNoProblems("help without descriptions", problems);
    }

    /**
     * picocli prints each element of a description as a line of its own and wraps it alone: a
     * sentence broken across elements by hand shows as ragged lines. Indented lines are verbatim.
     */
    @Test
    void descriptionsAreWholeParagraphs() {
        List<String> problems = new ArrayList<>();
        for (CommandSpec c : commands) {
            checkParagraphs(qualified(c) + " (description)", c.usageMessage().description(), problems);
            checkParagraphs(qualified(c) + " (header)", c.usageMessage().header(), problems);
            List<ArgSpec> args = new ArrayList<>(c.options());
            args.addAll(c.positionalParameters());
            for (ArgSpec a : args) {
                String name = a instanceof OptionSpec o ? o.longestName() : ((PositionalParamSpec) a).paramLabel();
                checkParagraphs(qualified(c) + " " + name, a.description(), problems);
            }
        }
        assertNoProblems("description lines that break a sentence (make each paragraph one string)", problems);
    }

    private static void checkParagraphs(String where, String[] text, List<String> problems) {
        for (int i = 0; i + 1 < text.length; i++) {
            String line = text[i];
            String next = text[i + 1];
            boolean verbatim = line.isBlank() || Character.isWhitespace(line.charAt(0))
                    || next.isBlank() || Character.isWhitespace(next.charAt(0));
            if (!verbatim && !line.strip().matches(".*[.:!?]$")) {
                problems.add(where + ": \"" + line + "\" goes on in the next line");
            }
        }
    }

    @Test
    void theTopLevelHelpListsEveryCommandWithAWholeSummary() {
        String usage = new CommandLine(new AbicCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : root.subcommands().entrySet()) {
            if (!Pattern.compile("(?m)^  " + Pattern.quote(e.getKey()) + "\\s").matcher(usage).find()) {
                problems.add(e.getKey() + ": not listed under Commands in 'abic --help'");
            }
            CommandSpec sub = e.getValue().getCommandSpec();
            String[] summary = sub.usageMessage().header().length > 0
                    ? sub.usageMessage().header() : sub.usageMessage().description();
            if (summary.length == 0 || !summary[0].strip().matches(".*[.!?]$")) {
                problems.add(e.getKey() + ": its line in 'abic --help' is not a whole sentence: "
                        + (summary.length == 0 ? "(none)" : "\"" + summary[0] + "\"") + " (give the command a header)");
            }
        }
        assertNoProblems("abic --help", problems);
    }

    @Test
    void everyCommandAndOptionIsInItsSectionOfTheDoc() {
        List<String> problems = new ArrayList<>();
        String general = sections.getOrDefault(ROOT, new StringBuilder()).toString();
        for (CommandSpec c : commands) {
            String name = nameOf(c);
            boolean help = c.helpCommand();
            StringBuilder entries = synopsis.get(name);
            if (c != root && entries == null) {
                problems.add(qualified(c) + ": no 'abic " + name + " ...' line in the synopsis of docs/cli.md");
            }
            String syn = entries == null ? "" : entries.toString();
            StringBuilder sectionText = sections.get(name);
            if (sectionText == null && !help) {
                problems.add(qualified(c) + ": no section (## `abic " + name + "`) in docs/cli.md");
            }
            // A help command is documented by its synopsis line alone.
            String section = sectionText != null ? sectionText.toString() : syn;
            for (String sub : c.subcommands().keySet()) {
                if (!mentions(section, sub)) {
                    problems.add(qualified(c) + ": the command '" + sub + "' is not in its section of docs/cli.md");
                }
            }
            for (OptionSpec o : c.options()) {
                if (isHelpOption(o)) {
                    if (!mentions(general, o.longestName())) {
                        problems.add(qualified(c) + " " + o.longestName() + ": not in the introduction of docs/cli.md");
                    }
                    continue;
                }
                if (!mentions(section, o.longestName())) {
                    problems.add(qualified(c) + " " + o.longestName() + ": not in its section of docs/cli.md");
                }
                if (c != root && Arrays.stream(o.names()).noneMatch(n -> mentions(syn, n))) {
                    problems.add(qualified(c) + " " + o.longestName() + ": not in its synopsis line in docs/cli.md");
                }
            }
            for (PositionalParamSpec p : c.positionalParameters()) {
                if (c != root && !syn.contains(p.paramLabel())) {
                    problems.add(qualified(c) + " " + p.paramLabel() + ": not in its synopsis line in docs/cli.md");
                }
            }
        }
        assertNoProblems("missing from docs/cli.md", problems);
    }

    private static boolean mentions(String text, String word) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(text).find();
    }

    @Test
    void everythingTheDocDocumentsExists() {
        Map<String, CommandSpec> byName = new LinkedHashMap<>();
        for (CommandSpec c : commands) {
            byName.put(nameOf(c), c);
        }
        List<String> problems = new ArrayList<>();
        for (String named : synopsis.keySet()) {
            if (!named.equals(ANY) && !byName.containsKey(named)) {
                problems.add("synopsis: 'abic " + named + "' is not a command");
            }
        }
        for (String named : sections.keySet()) {
            if (!byName.containsKey(named)) {
                problems.add("section `abic " + named + "`: not a command");
            }
        }
        docStatuses.forEach((status, restricted) -> restricted.stream().filter(c -> !byName.containsKey(c))
                .forEach(c -> problems.add("exit status " + status + ": for `" + c + "`, not a command")));
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<String, Set<String>> e : documentedOptions) {
            String option = e.getKey();
            Set<String> owners = e.getValue();
            if (!seen.add(option + " " + owners)) {
                continue;
            }
            boolean exists = owners.equals(Set.of(ANY))
                    ? commands.stream().allMatch(c -> c.optionsMap().containsKey(option))
                    : owners.stream().map(byName::get).anyMatch(c -> c != null && c.optionsMap().containsKey(option));
            if (!exists) {
                problems.add(option + ": documented for " + String.join(", ", owners) + ", but no such option");
            }
        }
        assertNoProblems("stale in docs/cli.md", problems);
    }

    @Test
    void exitStatusesInTheHelpAgreeWithTheDoc() {
        assertWithMessage("no exit status table in docs/cli.md").that(docStatuses).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (CommandSpec c : commands) {
            String[] footer = c.usageMessage().footer();
            if (footer.length == 0) {
                continue;
            }
            Set<Integer> listed = new TreeSet<>();
            for (String line : footer) {
                Matcher m = FOOTER_STATUS.matcher(line);
                while (m.find()) {
                    listed.add(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
                }
            }
            String name = nameOf(c);
            if (c == root) {
                if (!listed.equals(docStatuses.keySet().stream().collect(java.util.stream.Collectors.toCollection(TreeSet::new)))) {
                    problems.add("abic --help lists " + listed + ", the doc's table " + new TreeSet<>(docStatuses.keySet()));
                }
                continue;
            }
            for (int s : listed) {
                Set<String> restricted = docStatuses.get(s);
                if (restricted == null) {
                    problems.add(qualified(c) + ": exit status " + s + " is not in the doc's table");
                } else if (!restricted.isEmpty() && !restricted.contains(name)) {
                    problems.add(qualified(c) + ": exit status " + s + " is for " + restricted + " in the doc");
                }
            }
            for (Map.Entry<Integer, Set<String>> e : docStatuses.entrySet()) {
                if (e.getValue().contains(name) && !listed.contains(e.getKey())) {
                    problems.add(qualified(c) + ": the doc gives it exit status " + e.getKey() + ", its help does not");
                }
            }
        }
        assertNoProblems("exit statuses", problems);
    }
}
