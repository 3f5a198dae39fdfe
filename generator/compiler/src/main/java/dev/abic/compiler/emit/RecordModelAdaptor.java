package dev.abic.compiler.emit;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stringtemplate.v4.Interpreter;
import org.stringtemplate.v4.ST;
import org.stringtemplate.v4.ModelAdaptor;
import org.stringtemplate.v4.misc.STNoSuchPropertyException;

/**
 * Lets StringTemplate read record components ({@code <field.name>} calls {@code field.name()}); ST4
 * only knows JavaBean getters. Templates see the emitters' view records and nothing else.
 */
public final class RecordModelAdaptor implements ModelAdaptor<Record> {
    private final Map<Class<?>, Map<String, RecordComponent>> components = new ConcurrentHashMap<>();

    @Override
    public Object getProperty(Interpreter interp, ST self, Record model, Object property, String propertyName) {
        Map<String, RecordComponent> byName = components.computeIfAbsent(model.getClass(), c -> {
            Map<String, RecordComponent> m = new ConcurrentHashMap<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                m.put(rc.getName(), rc);
            }
            return m;
        });
        RecordComponent rc = byName.get(propertyName);
        if (rc == null) {
            throw new STNoSuchPropertyException(null, model, propertyName);
        }
        try {
            return rc.getAccessor().invoke(model);
        } catch (ReflectiveOperationException e) {
            throw new STNoSuchPropertyException(e, model, propertyName);
        }
    }
}
