package dev.abic.compiler.emit;

import org.stringtemplate.v4.STErrorListener;
import org.stringtemplate.v4.STGroup;
import org.stringtemplate.v4.STGroupFile;
import org.stringtemplate.v4.misc.STMessage;

/**
 * Loads an emitter's {@code .stg} group from next to its class. A template error is a bug in abic,
 * so it fails loudly instead of being printed and ignored as ST4 does by default.
 */
public final class Templates {
    private Templates() {}

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
