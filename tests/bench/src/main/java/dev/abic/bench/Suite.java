package dev.abic.bench;

import dev.abic.bench.report.Json;
import dev.abic.bench.report.Machine;
import dev.abic.bench.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The whole benchmark suite in one run: the JMH benchmarks, then the C++ round-trip floor, then the
 * report. {@code Suite MODE OUT_DIR REPORT_DIR}: JMH's JSON goes to {@code OUT_DIR/jmh.json}, the floor
 * to {@code OUT_DIR/cpp-floor.json}, and the report ({@code benchmarks.md} and its PNG plots) to
 * {@code REPORT_DIR}. tests/bench/run-benchmarks is the command line for it.
 */
public final class Suite {
    /** How long each part runs. Smoke only proves that everything runs; full is the measured run. */
    public enum Mode {
        /** In this JVM, one short iteration each, smallest compiler input only: seconds. */
        SMOKE(0, 0, 0, 1, 100, 10_000, 1, 2, List.of("10")),
        /** A fork per benchmark, a few seconds each: a quick look (about 5 minutes). */
        SHORT(1, 1, 2, 3, 500, 100_000, 1, 3, List.of("10", "100", "1000", "10000")),
        /** A fork per benchmark (three for the queues), warmed up, six one-second iterations: the numbers to quote. */
        FULL(1, 3, 4, 6, 1000, 400_000, 2, 5, List.of("10", "100", "1000", "10000"));

        final int forks;
        final int queueForks;
        final int warmups;
        final int iterations;
        final int iterationMillis;
        final long floorSamples;
        final int processWarmups;
        final int processShots;
        final List<String> structs;

        Mode(int forks, int queueForks, int warmups, int iterations, int iterationMillis, long floorSamples, int processWarmups,
                int processShots, List<String> structs) {
            this.forks = forks;
            this.queueForks = queueForks;
            this.warmups = warmups;
            this.iterations = iterations;
            this.iterationMillis = iterationMillis;
            this.floorSamples = floorSamples;
            this.processWarmups = processWarmups;
            this.processShots = processShots;
            this.structs = structs;
        }
    }

    private Suite() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3 && !(args.length == 4 && args[0].equals("render"))) {
            System.err.println("usage: Suite smoke|short|full OUT_DIR REPORT_DIR\n       Suite render MODE OUT_DIR REPORT_DIR");
            System.exit(2);
        }
        if (args[0].equals("render")) { // the report again from a run's JSON, without measuring
            render(Path.of(args[2]), Path.of(args[3]), "tests/bench/run-benchmarks " + args[1],
                    args[1].toUpperCase(Locale.ROOT));
            return;
        }
        Mode mode = Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
        run(mode, Path.of(args[1]), Path.of(args[2]), "tests/bench/run-benchmarks " + args[0]);
    }

    /** Runs everything and writes the report; returns the report file. */
    public static Path run(Mode mode, Path out, Path reportDir, String command) throws IOException, RunnerException {
        Files.createDirectories(out);
        Path jmhJson = out.resolve("jmh.json");
        Path floorJson = out.resolve("cpp-floor.json");
        runJmh(mode, jmhJson, List.of(FieldAccessBench.class, RoundTripBench.class, CompilerBench.class), mode.forks, false);
        // Two threads on a small machine settle into a different steady state from one JVM to the
        // next (the queue mostly full or mostly empty): more forks, fewer iterations each.
        runJmh(mode, out.resolve("jmh-queues.json"), List.of(QueueThroughputBench.class), mode.queueForks, false);
        runJmh(mode, out.resolve("jmh-process.json"), List.of(CompilerProcessBench.class), mode.forks, true);
        mergeJmh(jmhJson, out.resolve("jmh-queues.json"));
        mergeJmh(jmhJson, out.resolve("jmh-process.json"));
        CppRoundTrip.Result floor = CppRoundTrip.run(mode.floorSamples);
        Map<String, Object> floorValues = new LinkedHashMap<>();
        floorValues.put("samples", floor.samples());
        floorValues.put("median_ns", floor.medianNanos());
        floorValues.put("p99_ns", floor.p99Nanos());
        floorValues.put("p999_ns", floor.p999Nanos());
        Files.writeString(floorJson, Json.write(floorValues) + "\n", StandardCharsets.UTF_8);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("machine", Machine.describe());
        run.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        Files.writeString(out.resolve("run.json"), Json.write(run) + "\n", StandardCharsets.UTF_8);
        return render(out, reportDir, command, mode.name());
    }

    /**
     * The report from a run's files in {@code out}: the machine and date are the run's (a run made
     * before they were recorded gets this machine's and today's).
     */
    static Path render(Path out, Path reportDir, String command, String mode) throws IOException {
        Path runJson = out.resolve("run.json");
        Object run = Files.exists(runJson) ? Json.read(runJson) : null;
        String machine = run == null ? Machine.describe() : (String) Json.at(run, "machine");
        String date = run == null ? LocalDate.now(ZoneOffset.UTC).toString() : (String) Json.at(run, "date");
        return Report.render(Json.read(out.resolve("jmh.json")), Json.read(out.resolve("cpp-floor.json")), machine, date,
                command, mode, reportDir);
    }

    private static void runJmh(Mode mode, Path json, List<Class<?>> benchmarks, int forks, boolean singleShot)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(forks)
                .shouldFailOnError(true)
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON)
                .param("structs", mode.structs.toArray(String[]::new))
                .jvmArgsAppend(forkArguments().toArray(String[]::new));
        for (Class<?> benchmark : benchmarks) {
            options.include("^" + benchmark.getName().replace(".", "\\.") + "\\.");
        }
        if (singleShot) {
            options.warmupIterations(mode.processWarmups).measurementIterations(mode.processShots);
        } else {
            options.warmupIterations(mode.warmups).measurementIterations(mode.iterations)
                    .warmupTime(TimeValue.milliseconds(mode.iterationMillis))
                    .measurementTime(TimeValue.milliseconds(mode.iterationMillis));
        }
        new Runner(options.build()).run();
    }

    /** What every forked JVM needs: the repository root, native access, the peers' Unsafe without warnings. */
    static List<String> forkArguments() {
        List<String> args = new ArrayList<>(List.of("-Dabic.root=" + Repo.root(), "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=true",
                // Agrona 2 uses jdk.internal.misc.Unsafe.
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            // JDK 23+ warns when sun.misc.Unsafe's memory access is used (JEP 471/498); Agrona and
            // JCTools still use it.
            args.add("--sun-misc-unsafe-memory-access=allow");
        }
        return args;
    }

    /** Appends the results in {@code extra} to the JSON array in {@code into}, so that one file holds the run. */
    private static void mergeJmh(Path into, Path extra) throws IOException {
        List<Object> all = new ArrayList<>(Json.array(Json.read(into)));
        all.addAll(Json.array(Json.read(extra)));
        Files.writeString(into, Json.write(all) + "\n", StandardCharsets.UTF_8);
        Files.delete(extra);
    }
}
