package dev.abic.compiler.emit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.stringtemplate.v4.STErrorListener;
import org.stringtemplate.v4.STGroup;
import org.stringtemplate.v4.STGroupFile;
import org.stringtemplate.v4.misc.STMessage;

/**
 * Loads an emitter's resources from next to its class: {@code .stg} groups, and files it copies
 * as they are. A missing resource or a template error is a bug in abic, so it fails loudly instead
 * of being printed and ignored as ST4 does by default.
 */
public final class Templates {
    private Templates() {}

    /** The text of a resource next to {@code emitter}, such as a support file written verbatim. */
    public static String text(Class<?> emitter, String fileName) {
        try (InputStream in = emitter.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + fileName);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + fileName, e);
        }
    }

    public static STGroup load(Class<?> emitter, String fileName) {
        STGroupFile group = new STGroupFile(emitter.getResource(fileName), "UTF-8", '<', '>');
        STErrorListener fail = new STErrorListener() {
            @Override
            public void compileTimeError(STMessage msg) {
                throw new IllegalStateException("template error in " + fileName + ": " + msg);
            }

            @Override
            public void runTimeError(STMessage msg) {
                throw new IllegalStateException("template error in " + fileName + ": " + msg);
            }

            @Override
            public void IOError(STMessage msg) {
                throw new IllegalStateException("cannot read " + fileName + ": " + msg);
            }

            @Override
            public void internalError(STMessage msg) {
                throw new IllegalStateException("template engine error in " + fileName + ": " + msg);
            }
        };
        group.setListener(fail);
        group.registerModelAdaptor(Record.class, new RecordModelAdaptor());
        group.load();
        return group;
    }
}
