package io.callwire.adapter.asterisk;

import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.manager.internal.ManagerReaderImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stands in front of asterisk-java's event builder so that events it has no class for are not dropped.
 *
 * <p>asterisk-java's {@code ManagerReaderImpl} hands each packet's headers to its package-private
 * {@code EventBuilder}; for an {@code Event:} type without a registered class that builder logs and returns
 * {@code null}, and the reader drops the packet. asterisk-java offers no public hook for this (its
 * {@code createReader} takes a package-private type), so {@link #install} replaces the reader's builder with a
 * proxy of the same interface: the original builds every event it knows, and whatever it returns {@code null} for,
 * while the packet does have an {@code Event:} header, becomes an {@link UnknownAmiEvent} with all its headers.
 * The proxy runs on asterisk-java's reader thread and only copies a map.
 *
 * <p>If a later asterisk-java renames the internals, {@link #install} logs one warning and the connection works
 * as before (unknown events dropped inside asterisk-java).
 */
final class FallbackEventBuilder implements InvocationHandler {
    private static final Logger log = LoggerFactory.getLogger(FallbackEventBuilder.class);

    private final Object original;
    /** The builder interface's methods by name (it has no overloads), made accessible once. */
    private final Map<String, Method> methods;

    private FallbackEventBuilder(Object original, Class<?> type) {
        this.original = original;
        Map<String, Method> byName = new HashMap<>();
        for (Method m : type.getMethods()) {
            m.setAccessible(true);
            byName.put(m.getName(), m);
        }
        this.methods = Map.copyOf(byName);
    }

    /** Puts the fallback in front of the connection's event builder; false (and a warning) if that is impossible. */
    static boolean install(ManagerConnectionImpl connection) {
        try {
            Field readerField = ManagerConnectionImpl.class.getDeclaredField("reader");
            readerField.setAccessible(true);
            Object reader = readerField.get(connection);
            if (!(reader instanceof ManagerReaderImpl)) {
                throw new IllegalStateException("reader is " + (reader == null ? "not created" : reader.getClass()));
            }
            Field builderField = ManagerReaderImpl.class.getDeclaredField("eventBuilder");
            builderField.setAccessible(true);
            Object builder = builderField.get(reader);
            if (builder == null || Proxy.isProxyClass(builder.getClass())) {
                return builder != null;
            }
            Class<?> type = builderField.getType();
            Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    new FallbackEventBuilder(builder, type));
            builderField.set(reader, proxy);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("asterisk-java's event builder cannot be extended ({}); events it has no class for are dropped "
                    + "inside asterisk-java instead of becoming RawEvents", e.toString());
            return false;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "FallbackEventBuilder[" + original.getClass().getName() + "]";
            };
        }
        Object result;
        try {
            result = methods.getOrDefault(method.getName(), method).invoke(original, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result == null && method.getName().equals("buildEvent") && args != null && args.length == 2
                && args[1] instanceof Map<?, ?> headers) {
            return unknown(args[0], headers);
        }
        return result;
    }

    /** The packet as an {@link UnknownAmiEvent}; null when it has no usable {@code Event:} header. */
    static UnknownAmiEvent unknown(Object source, Map<?, ?> headers) {
        if (!(headers.get("event") instanceof String type) || type.isBlank()) {
            return null;
        }
        Map<String, String> copy = new HashMap<>();
        headers.forEach((k, v) -> {
            if (k instanceof String key && v != null) {
                copy.put(key.toLowerCase(Locale.ROOT), v instanceof List<?> list
                        ? list.stream().map(String::valueOf).collect(Collectors.joining("\n")) : v.toString());
            }
        });
        UnknownAmiEvent event = new UnknownAmiEvent(source, type.trim(), copy);
        String ts = copy.get("timestamp");
        if (ts != null) {
            try {
                event.setTimestamp(Double.valueOf(ts.trim()));
            } catch (NumberFormatException ignored) {
                // the time it was received stands in
            }
        }
        return event;
    }
}
