package io.callwire.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Renders a normalized event as one line of JSON: {@code type}, the envelope ({@code seq}, {@code switchId},
 * {@code ts}, {@code callId}, {@code legId}, {@code deviceId}, {@code synthetic}), the event's own fields under
 * their record component names, and {@code raw} when the adapter kept the vendor text. The same format is used
 * by every tool that prints events, so their output can be compared line by line.
 */
public final class EventJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ClassValue<List<RecordComponent>> FIELDS = new ClassValue<>() {
        @Override
        protected List<RecordComponent> computeValue(Class<?> type) {
            List<RecordComponent> fields = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getType() != Envelope.class) {
                    fields.add(component);
                }
            }
            return List.copyOf(fields);
        }
    };

    private EventJson() {
    }

    /** The event as a single JSON line, without the line break. */
    public static String line(CtiEvent event) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            Envelope env = event.envelope();
            json.writeStartObject();
            json.writeStringField("type", event.getClass().getSimpleName());
            json.writeNumberField("seq", env.sequence());
            json.writeStringField("switchId", env.switchId());
            json.writeNumberField("ts", env.timestamp());
            json.writeStringField("callId", env.callId());
            json.writeStringField("legId", env.legId());
            json.writeStringField("deviceId", env.deviceId());
            json.writeBooleanField("synthetic", env.synthetic());
            for (RecordComponent field : FIELDS.get(event.getClass())) {
                json.writeFieldName(field.getName());
                write(json, field.getAccessor().invoke(event));
            }
            if (env.raw() != null) {
                json.writeStringField("raw", env.raw());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read a field of " + event.getClass().getSimpleName(), e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else if (value instanceof Enum<?> e) {
            json.writeString(e.name());
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                write(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeString(value.toString());
        }
    }
}
