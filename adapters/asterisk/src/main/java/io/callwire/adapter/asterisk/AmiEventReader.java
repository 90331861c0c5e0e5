package io.callwire.adapter.asterisk;

import org.asteriskjava.manager.event.ManagerEvent;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Copies an asterisk-java event into an {@link AmiEvent}: every simple property becomes a text field. Reading the
 * getters generically spares the translator asterisk-java's uneven getter names ({@code getLinkedId} here,
 * {@code getLinkedid} there). The getters of each event class are looked up once.
 */
final class AmiEventReader {
    private static final ClassValue<List<Method>> GETTERS = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            List<Method> out = new ArrayList<>();
            for (Method m : type.getMethods()) {
                if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && simple(m.getReturnType())
                        && (m.getName().startsWith("get") || m.getName().startsWith("is"))
                        && !m.getName().equals("getClass") && !m.getName().equals("getSource")) {
                    out.add(m);
                }
            }
            return List.copyOf(out);
        }
    };

    private AmiEventReader() {
    }

    private static boolean simple(Class<?> t) {
        return t == String.class || Number.class.isAssignableFrom(t) || t == Boolean.class || t == boolean.class
                || t == int.class || t == long.class || t == double.class;
    }

    /**
     * The event as text fields; a getter that throws is left out. An {@link UnknownAmiEvent} keeps its name as
     * Asterisk wrote it and its headers as they came, without {@code Event} and {@code Timestamp}.
     */
    static AmiEvent read(ManagerEvent event) {
        if (event instanceof UnknownAmiEvent u) {
            Map<String, String> fields = new HashMap<>(u.headers());
            fields.remove("event");
            fields.remove("timestamp");
            return new AmiEvent(u.type(), fields, timestamp(event));
        }
        Map<String, String> fields = new HashMap<>();
        for (Method m : GETTERS.get(event.getClass())) {
            Object value;
            try {
                value = m.invoke(event);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (value != null) {
                String prop = m.getName().substring(m.getName().startsWith("is") ? 2 : 3).toLowerCase(Locale.ROOT);
                fields.putIfAbsent(prop, value.toString());
            }
        }
        fields.remove("timestamp");
        fields.remove("datereceived");
        return new AmiEvent(name(event.getClass()), fields, timestamp(event));
    }

    static String name(Class<?> type) {
        String n = type.getSimpleName();
        return n.endsWith("Event") && n.length() > 5 ? n.substring(0, n.length() - 5) : n;
    }

    private static long timestamp(ManagerEvent event) {
        Double ts = event.getTimestamp();
        if (ts != null && ts > 0) {
            return Math.round(ts * 1000.0);
        }
        Date received = event.getDateReceived();
        return received != null ? received.getTime() : System.currentTimeMillis();
    }
}
