package dev.abic.compiler;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.diag.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example in {@code docs/idl-reference.md} is a test input, so that the reference cannot rot.
 *
 * <p>The marking convention of the document:
 * <ul>
 *   <li>A fenced block with the info string {@code abi} is {@code .abi} source that must compile
 *       with no error. A block without a {@code package} line gets {@code package example;}
 *       prepended. A block that uses declarations it does not show is preceded (directly, or after
 *       one blank line) by an HTML comment that starts with {@code <!-- abi-context}; the lines of
 *       that comment after the first are compiled after the example. The comment is invisible in
 *       the rendered page, and the context must compile too.</li>
 *   <li>A fenced block with the info string {@code diagnostic} is compiler output. Its first line is
 *       {@code [file:line:col: ]error: message}; some diagnostic that an input of the diagnostics
 *       corpus ({@code src/test/resources/diagnostics/}) produces must have that message (and, where
 *       the block gives one, that location), and every further line of the block must be a line of
 *       that diagnostic's rendering, in order (the block may leave the source excerpt out).</li>
 *   <li>A fenced block with the info string {@code text} is not checked (outlines of the grammar).
 *       Every fenced block must carry one of these three info strings, so that an unmarked
 *       {@code .abi} example cannot escape the test.</li>
 * </ul>
 *
 * <p>Every message quoted in the "check | example message" table of the Diagnostics section, and each
 * message quoted in the prose (listed in {@link #PROSE_MESSAGES}), must be produced, exactly, by an
 * input: an input of the diagnostics corpus (which {@link DiagnosticCorpusTest} also pins to its
 * whole output) or one of the inline inputs of this test. A {@code …} in a quoted message stands for
 * text the document leaves out.
 */
class IdlReferenceExamplesTest {
    /** Surefire runs in the module directory {@code generator/compiler}. */
    private static final Path REFERENCE = Path.of("..", "..", "docs", "idl-reference.md");
    private static final Path CORPUS = Path.of("src", "test", "resources", "diagnostics");

    /** Fewer checked blocks than this means the extractor is broken. */
    private static final int MINIMUM_ABI_BLOCKS = 5;
    private static final int MINIMUM_DIAGNOSTIC_BLOCKS = 2;
    private static final int MINIMUM_TABLE_MESSAGES = 60;

    private static final String CONTEXT_START = "<!-- abi-context";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s");
    private static final Set<String> INFO_STRINGS = Set.of("abi", "diagnostic", "text");

    /** Messages the prose of the reference quotes (outside the Diagnostics table), verbatim. */
    private static final List<String> PROSE_MESSAGES = List.of(
            "'A' is defined in terms of itself (A -> B -> A)",
            "'char' is text and needs a capacity: write char[N]",
            "value 256 does not fit in u8 (0..255)",
            "value -1 does not fit in u32 (0..4294967295)",
            "shift by 64 in '1 << 64'; shifts are by 0 to 63 bits",
            "division by zero in '10 / ZERO'",
            "value 256 of 'TOO_BIG' is out of range for u8 (0..255)",
            "'APPEND' has the value 1, as 'READ' does; enum values must be distinct",
            "flag 'EXECUTE' is 0x6, which is neither a single bit nor a combination of the flags declared"
                    + " before it",
            "layout parameters are u64, not 'u32'",
            "requirement 'MAX_DEPTH > 1024' is always false",
            "section 'slots' placed at 4, which is not a multiple of its alignment 8",
            "assertion failed: SLOTS * 8 <= MAILBOX_BYTES (the slots must fit in one mailbox); the left side"
                    + " is 4800 and the right side is 4096",
            "import cycle: a.abi -> b.abi -> a.abi");

    /** One fenced block: the line of its opening fence, its info string, its text and its context. */
    record Block(int line, String info, String text, String context) {
        /** The source compiled for an {@code abi} block. */
        String source() {
            String body = text + (context.isEmpty() ? "" : "\n" + context);
            return PACKAGE.matcher(body).find() ? body : "package example;\n" + body;
        }
    }

    private static String reference;
    private static List<Block> blocks;
    /** Every diagnostic the corpus inputs produce, rendered with the corpus directory as {@code diagnostics/}. */
    private static List<String> corpusRenderings;

    @BeforeAll
    static void readReferenceAndCompileCorpus() throws IOException {
        assertWithMessage("%s (tests run in generator/compiler)", REFERENCE.toAbsolutePath())
                .that(Files.isRegularFile(REFERENCE)).isTrue();
        reference = Files.readString(REFERENCE, StandardCharsets.UTF_8).replace("\r\n", "\n");
        blocks = extract(reference);
        corpusRenderings = new ArrayList<>();
        List<Path> inputs;
        try (Stream<Path> list = Files.list(CORPUS)) {
            inputs = list.filter(p -> p.getFileName().toString().endsWith(".abi")).sorted().toList();
        }
        assertThat(inputs).isNotEmpty();
        for (Path input : inputs) {
            for (Diagnostic d : Abic.compile(List.of(input)).diagnostics()) {
                corpusRenderings.add(relativize(d.render()));
            }
        }
    }

    /** The fenced blocks of a markdown text, with the {@code abi-context} comment before each. */
    static List<Block> extract(String markdown) {
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        List<Block> out = new ArrayList<>();
        String pendingContext = "";
        int contextEndLine = -10;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(CONTEXT_START)) {
                StringBuilder context = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].trim().equals("-->")) {
                    context.append(lines[j]).append('\n');
                    j++;
                }
                if (j == lines.length) {
                    throw new AssertionError("line " + (i + 1) + ": " + CONTEXT_START + " comment is not closed");
                }
                pendingContext = context.toString();
                contextEndLine = j;
                i = j;
                continue;
            }
            if (line.startsWith("```")) {
                String info = line.substring(3).trim();
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].startsWith("```")) {
                    text.append(lines[j]).append('\n');
                    j++;
                }
                if (j == lines.length) {
                    throw new AssertionError("line " + (i + 1) + ": the fenced block is not closed");
                }
                boolean contextApplies = i - contextEndLine <= 2
                        && (i - contextEndLine == 1 || lines[i - 1].isBlank());
                out.add(new Block(i + 1, info, text.toString(), contextApplies ? pendingContext : ""));
                pendingContext = "";
                i = j;
            }
        }
        return out;
    }

    @Test
    void everyFencedBlockIsMarked() {
        for (Block b : blocks) {
            assertWithMessage("docs/idl-reference.md:%s: fence info string (one of %s)", b.line(), INFO_STRINGS)
                    .that(INFO_STRINGS).contains(b.info());
        }
    }

    @Test
    void everyAbiBlockCompilesWithoutError(@TempDir Path dir) {
        List<Block> abi = blocks.stream().filter(b -> b.info().equals("abi")).toList();
        for (Block b : abi) {
            Abic.Result r = Abic.compileText(dir.resolve("idl_reference_line_" + b.line() + ".abi"), b.source());
            assertWithMessage("docs/idl-reference.md:%s: the example does not compile:\n%s\nsource:\n%s",
                    b.line(), TestSources.render(r), b.source()).that(r.succeeded()).isTrue();
            assertThat(r.model()).isPresent();
        }
        System.out.println("IdlReferenceExamplesTest: compiled " + abi.size() + " abi blocks of docs/idl-reference.md");
        assertWithMessage("abi blocks found in docs/idl-reference.md").that(abi.size()).isAtLeast(MINIMUM_ABI_BLOCKS);
    }

    @Test
    void everyDiagnosticBlockIsWhatTheCompilerPrints() {
        List<Block> diagnostics = blocks.stream().filter(b -> b.info().equals("diagnostic")).toList();
        for (Block b : diagnostics) {
            List<String> blockLines = b.text().lines().toList();
            String first = blockLines.get(0);
            boolean located = !first.startsWith("error: ");
            boolean found = false;
            for (String rendering : corpusRenderings) {
                List<String> lines = rendering.lines().toList();
                String headline = lines.get(0);
                boolean headlineMatches = located ? headline.equals(first) : headline.endsWith(": " + first);
                if (headlineMatches && isSubsequence(blockLines.subList(1, blockLines.size()), lines.subList(1,
                        lines.size()))) {
                    found = true;
                    break;
                }
            }
            assertWithMessage("docs/idl-reference.md:%s: no input of the corpus prints\n%s", b.line(), b.text())
                    .that(found).isTrue();
        }
        System.out.println("IdlReferenceExamplesTest: checked " + diagnostics.size()
                + " diagnostic blocks of docs/idl-reference.md");
        assertWithMessage("diagnostic blocks found in docs/idl-reference.md").that(diagnostics.size())
                .isAtLeast(MINIMUM_DIAGNOSTIC_BLOCKS);
    }

    @Test
    void everyMessageOfTheDiagnosticsTableIsProduced() {
        List<String> messages = tableMessages(reference);
        List<String> produced = producedMessages();
        for (String m : messages) {
            assertWithMessage("the Diagnostics table quotes a message that no input produces: %s", m)
                    .that(produced.stream().anyMatch(p -> matches(m, p))).isTrue();
        }
        System.out.println("IdlReferenceExamplesTest: checked " + messages.size()
                + " messages of the Diagnostics table of docs/idl-reference.md");
        assertWithMessage("messages found in the Diagnostics table").that(messages.size())
                .isAtLeast(MINIMUM_TABLE_MESSAGES);
    }

    @Test
    void everyMessageQuotedInTheProseIsInTheReferenceAndProduced(@TempDir Path dir) throws IOException {
        // import cycle: a.abi -> b.abi -> a.abi
        Files.writeString(dir.resolve("a.abi"), "package ex.a;\nimport \"b.abi\";\nconst A: u32 = 1;\n");
        Files.writeString(dir.resolve("b.abi"), "package ex.b;\nimport \"a.abi\";\nconst B: u32 = 2;\n");
        List<String> produced = new ArrayList<>(producedMessages());
        Abic.compile(List.of(dir.resolve("a.abi"))).diagnostics().forEach(d -> produced.add(d.message()));

        String flatReference = reference.replaceAll("\\s+", " ");
        for (String m : PROSE_MESSAGES) {
            assertWithMessage("docs/idl-reference.md no longer quotes `%s`; update PROSE_MESSAGES", m)
                    .that(flatReference.contains("`" + m + "`")).isTrue();
            assertWithMessage("the reference quotes a message that no input produces: %s", m)
                    .that(produced.stream().anyMatch(p -> matches(m, p))).isTrue();
        }
        System.out.println("IdlReferenceExamplesTest: checked " + PROSE_MESSAGES.size()
                + " messages quoted in the prose of docs/idl-reference.md");
    }

    /** The extractor must find a broken block, and the check must then fail on it. */
    @Test
    void theExtractorFindsABrokenBlock(@TempDir Path dir) {
        String markdown = """
                # A page

                Some prose with `code`.

                <!-- abi-context
                const LIMIT: u32 = 4;
                -->
                ```abi
                struct Fine {
                    values: u32[LIMIT];
                }
                ```

                | a | table |
                |---|---|

                ```abi
                struct Broken {
                    length: u64
                    count: u32;
                }
                ```

                ```text
                not abi at all
                ```
                """;
        List<Block> found = extract(markdown);
        assertThat(found).hasSize(3);
        assertThat(found.stream().map(Block::info).toList()).containsExactly("abi", "abi", "text").inOrder();

        Block fine = found.get(0);
        assertThat(fine.context()).contains("const LIMIT");
        assertThat(fine.source()).startsWith("package example;\n");
        assertThat(Abic.compileText(dir.resolve("fine.abi"), fine.source()).succeeded()).isTrue();

        Block broken = found.get(1);
        assertThat(broken.line()).isEqualTo(17);
        assertThat(broken.context()).isEmpty();
        Abic.Result r = Abic.compileText(dir.resolve("broken.abi"), broken.source());
        assertWithMessage("the broken block compiled").that(r.succeeded()).isFalse();
    }

    @Test
    void theTableExtractorFindsEveryQuotedMessage() {
        String markdown = """
                | check | example message |
                |---|---|
                | syntax | `first message` · `second, with \\| a bar` |
                | names | `third` |

                After the table, `not a message`.
                """;
        assertThat(tableMessages(markdown)).containsExactly("first message", "second, with | a bar", "third")
                .inOrder();
    }

    /** The backquoted messages of the "check | example message" table. */
    static List<String> tableMessages(String markdown) {
        int start = markdown.indexOf("| check | example message |");
        assertWithMessage("the Diagnostics table").that(start).isAtLeast(0);
        List<String> out = new ArrayList<>();
        Pattern quoted = Pattern.compile("`([^`]+)`");
        List<String> lines = markdown.substring(start).lines().toList();
        for (String line : lines.subList(2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String cells = line.substring(line.indexOf('|', 1));
            Matcher m = quoted.matcher(cells);
            while (m.find()) {
                out.add(m.group(1).replace("\\|", "|"));
            }
        }
        return out;
    }

    /** The messages of every diagnostic the corpus produces. */
    private static List<String> producedMessages() {
        List<String> out = new ArrayList<>();
        for (String rendering : corpusRenderings) {
            String headline = rendering.lines().findFirst().orElseThrow();
            int at = headline.indexOf(": error: ");
            out.add(at < 0 ? headline : headline.substring(at + ": error: ".length()));
        }
        return new ArrayList<>(new LinkedHashSet<>(out));
    }

    /** Whether a quoted message equals a produced one, each {@code …} standing for any text. */
    static boolean matches(String quoted, String produced) {
        String[] parts = quoted.split("…", -1);
        if (parts.length == 1) {
            return quoted.equals(produced);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(produced).matches();
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int j = 0;
        for (String line : whole) {
            if (j < part.size() && part.get(j).equals(line)) {
                j++;
            }
        }
        return j == part.size();
    }

    private static String relativize(String text) {
        String prefix = CORPUS.toString();
        return text.replace(prefix + File.separator, "diagnostics/").replace(prefix.replace('\\', '/') + "/",
                "diagnostics/");
    }
}
