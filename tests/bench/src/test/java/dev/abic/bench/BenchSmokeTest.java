package dev.abic.bench;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.bench.report.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The suite in smoke mode, as part of every build: every benchmark runs (in this JVM, one short
 * iteration, the smallest compiler input), the C++ floor runs, and the report renders with its plots.
 * Its numbers mean nothing; it keeps the benchmarks compiling, running and reporting.
 */
class BenchSmokeTest {
    @Test
    void everyBenchmarkRunsAndTheReportRenders() throws Exception {
        Path target = Path.of("target");
        Path out = target.resolve("smoke/results");
        Path report = target.resolve("smoke/report");
        Path md = Suite.run(Suite.Mode.SMOKE, out, report, "BenchSmokeTest");

        // One result per benchmark JMH found (a group counts once), with a finite score.
        Set<String> listed = Files.readAllLines(target.resolve("classes/META-INF/BenchmarkList")).stream()
                .filter(l -> !l.isBlank()).map(l -> l.split(" ")).map(t -> t[3] + "." + t[9]) // class, method or group
                .collect(Collectors.toSet());
        assertThat(listed).hasSize(22);
        List<Object> results = Json.array(Json.read(out.resolve("jmh.json")));
        Set<String> ran = results.stream().map(r -> (String) Json.at(r, "benchmark")).collect(Collectors.toSet());
        assertThat(ran).containsExactlyElementsIn(listed);
        for (Object r : results) {
            double score = Json.number(r, "primaryMetric", "score");
            assertWithMessage("score of %s", Json.at(r, "benchmark")).that(Double.isFinite(score) && score > 0).isTrue();
        }
        assertThat(Json.number(Json.read(out.resolve("cpp-floor.json")), "median_ns")).isGreaterThan(0.0);

        String text = Files.readString(md);
        assertThat(text).contains("## 1. Field access");
        assertThat(text).contains("## 2. Queue throughput");
        assertThat(text).contains("## 3. Cross-process round trip");
        assertThat(text).contains("## 4. Compiler");
        assertThat(text).doesNotContain("NaN");
        for (String plot : List.of("field-access", "queue-throughput", "round-trip", "compiler-scaling")) {
            Path png = report.resolve("benchmarks/" + plot + ".png");
            assertThat(text).contains("(benchmarks/" + plot + ".png)");
            BufferedImage image = ImageIO.read(png.toFile());
            assertWithMessage(plot).that(image).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(400);
        }
    }
}
