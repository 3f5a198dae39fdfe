package dev.abic.compiler.emit.doc;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.AbiModel;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.StructDecl;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The documentation output for the real ABIs in {@code idl/}: every byte map is well-formed SVG,
 * and every field of every struct is drawn at its offset (its first box in the column of its first
 * byte), with its size; the pages name every declaration; the output is deterministic.
 */
class DocEmitterTest {
    private static final AbiModel MODEL = compile();

    private static AbiModel compile() {
        Abic.Result result = Abic.compile(List.of(Path.of("../../idl"), Path.of("src/test/resources/golden/input")));
        assertWithMessage(result.diagnostics().toString()).that(result.succeeded()).isTrue();
        return result.model().get();
    }

    @Test
    void everyFieldOfEveryStructIsDrawnAtItsOffset() throws Exception {
        Map<String, String> files = files(DocEmitter.emit(MODEL));
        int structs = 0;
        int fields = 0;
        for (AbiFile file : MODEL.files()) {
            for (StructDecl struct : file.decls(StructDecl.class)) {
                String path = file.baseName() + "/" + struct.name() + ".svg";
                assertWithMessage(path).that(files).containsKey(path);
                Document svg = parse(files.get(path));
                assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
                NodeList groups = svg.getElementsByTagName("g");
                Map<String, Element> byName = new HashMap<>();
                for (int i = 0; i < groups.getLength(); i++) {
                    Element g = (Element) groups.item(i);
                    byName.put(g.getAttribute("data-field"), g);
                }
                for (Field f : struct.fields()) {
                    Element g = byName.get(f.name());
                    assertWithMessage("%s.%s", struct.name(), f.name()).that(g).isNotNull();
                    assertThat(Long.parseLong(g.getAttribute("data-offset"))).isEqualTo(f.offset());
                    assertThat(Long.parseLong(g.getAttribute("data-size"))).isEqualTo(f.size());
                    Element first = (Element) g.getElementsByTagName("rect").item(0);
                    assertWithMessage("%s.%s has a box", struct.name(), f.name()).that(first).isNotNull();
                    long column = f.offset() % ByteMap.BYTES_PER_ROW;
                    assertWithMessage("%s.%s box column", struct.name(), f.name())
                            .that(Integer.parseInt(first.getAttribute("x")))
                            .isEqualTo(ByteMap.GUTTER + column * ByteMap.CELL + 1);
                    assertWithMessage("%s.%s label", struct.name(), f.name())
                            .that(g.getTextContent()).contains("@" + f.offset() + " · " + f.size() + " B");
                    fields++;
                }
                structs++;
            }
        }
        assertThat(structs).isAtLeast(20);
        assertThat(fields).isAtLeast(150);
    }

    @Test
    void longArraysAreFoldedWithTheirCount() throws Exception {
        AbiFile bootstrap = MODEL.files().stream().filter(f -> f.baseName().equals("chip_bootstrap")).findFirst().orElseThrow();
        StructDecl v1 = bootstrap.decls(StructDecl.class).stream().filter(s -> s.name().equals("ChipBootstrapMailboxV1"))
                .findFirst().orElseThrow();
        String svg = ByteMap.svg(v1);
        assertThat(svg).contains("more rows of buffer_ptrs (376 × u64)");
        assertThat(svg).contains("more rows of error_msg (1024 × char)");
        // 4096 bytes would be 512 rows; folded, the picture stays small.
        int height = Integer.parseInt(parse(svg).getDocumentElement().getAttribute("height"));
        assertThat(height).isLessThan(1000);
    }

    @Test
    void pagesDocumentAndLinkEveryDeclaration() {
        Map<String, String> files = files(DocEmitter.emit(MODEL));
        String queue = files.get("l3l2_queue.md");
        assertThat(queue).contains("## struct L3L2QueueDescSlot");
        assertThat(queue).contains("![L3L2QueueDescSlot byte map](l3l2_queue/L3L2QueueDescSlot.svg)");
        assertThat(queue).contains("| 0 | 8 | `seq` | u64 | atomic |");
        assertThat(queue).contains("[L3L2QueueOpcode](l3l2_queue.md#l3l2queueopcode)");
        assertThat(queue).contains("[L3L2OrchRegionDesc](orch_comm.md#l3l2orchregiondesc)");
        assertThat(queue).contains("## layout L3L2QueueRegion(depth, input_arena_bytes, output_arena_bytes)");
        assertThat(queue).contains("- `depth >= 1 && depth <= L3L2_QUEUE_MAX_DEPTH && is_pow2(depth)`");
        assertThat(queue).contains("| `L3L2_QUEUE_MAGIC` | u32 | `0x4C335132` |");
        for (AbiFile file : MODEL.files()) {
            String page = files.get(file.baseName() + ".md");
            file.decls().forEach(d -> assertWithMessage("%s on its page", d.name()).that(page).contains(d.name()));
        }
    }

    @Test
    void outputIsDeterministic() {
        assertThat(DocEmitter.emit(compile())).isEqualTo(DocEmitter.emit(MODEL));
    }

    private static Map<String, String> files(List<GeneratedFile> generated) {
        Map<String, String> files = new HashMap<>();
        generated.forEach(f -> files.put(f.path(), f.content()));
        return files;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
