package dev.abic.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, from the {@code abic.root} property surefire sets. */
public final class Repo {
    private Repo() {}

    public static Path root() {
        String root = System.getProperty("abic.root");
        if (root == null) {
            throw new AssertionError("system property abic.root is not set (run the tests through Maven)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    public static Path idl() {
        return root().resolve("idl");
    }

    /** The committed headers for idl/: generated-cpp/include. */
    public static Path generatedCppInclude() {
        return root().resolve("generated-cpp/include");
    }

    /** The runnable abic jar the reactor built before this module's tests. */
    public static Path cliJar() {
        try (var files = Files.list(root().resolve("generator/cli/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("abic-cli-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no abic-cli-*-all.jar in generator/cli/target: "
                            + "build the reactor (mvn verify) rather than this module alone"));
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot list generator/cli/target", e);
        }
    }

    public static Path testCpp(String name) {
        return root().resolve("tests/src/test/cpp").resolve(name);
    }
}
