package dev.abic.compiler.emit.java;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.check.JavaNames;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.StructDecl;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The checks reject collisions among the Java members abic generates by asking {@link JavaNames}
 * which members a field gets; the emitter decides it again when it writes them. This keeps the two
 * answers equal: the public static members of every golden struct class (compiled with these tests)
 * are exactly those {@link JavaNames} predicts.
 */
class JavaNamesMatchGeneratedCodeTest {
    @Test
    void everyStructClassHasExactlyThePredictedMembers() throws ClassNotFoundException {
        Abic.Result result = Abic.compile(List.of(Path.of("src/test/resources/golden/input")));
        int structs = 0;
        for (AbiFile file : result.model().orElseThrow().files()) {
            for (StructDecl s : file.decls(StructDecl.class)) {
                Class<?> type = Class.forName(JavaNames.packageName(file) + "." + s.name());
                Set<String> methods = new TreeSet<>(JavaNames.STRUCT_METHODS);
                Set<String> constants = new TreeSet<>(JavaNames.STRUCT_CONSTANTS);
                for (Field f : s.fields()) {
                    methods.addAll(JavaNames.methods(f));
                    constants.addAll(JavaNames.constants(f));
                }
                Set<String> actualMethods = new TreeSet<>();
                Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                        .forEach(m -> actualMethods.add(m.getName()));
                Set<String> actualConstants = new TreeSet<>();
                Arrays.stream(type.getDeclaredFields()).filter(f -> Modifier.isPublic(f.getModifiers()))
                        .forEach(f -> actualConstants.add(f.getName()));
                assertWithMessage(s.name() + " methods").that(actualMethods).isEqualTo(methods);
                assertWithMessage(s.name() + " constants").that(actualConstants).isEqualTo(constants);
                structs++;
            }
        }
        assertWithMessage("golden structs checked").that(structs).isAtLeast(5);
    }
}
