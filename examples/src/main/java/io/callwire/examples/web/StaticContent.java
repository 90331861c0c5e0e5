package io.callwire.examples.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The app's pages, styles and scripts, served from {@code web/} in the jar (no CDN, no build step). */
final class StaticContent {
    /** A file to send. */
    record Asset(byte[] bytes, String contentType) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}\\.(html|css|js|svg|png)");
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    /** The file {@code web/name}; empty when there is none or the name is not a plain file name. */
    Optional<Asset> get(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, StaticContent::load);
    }

    private static Optional<Asset> load(String name) {
        try (InputStream in = StaticContent.class.getClassLoader().getResourceAsStream("web/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Asset(in.readAllBytes(), type(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> "image/png";
        };
    }
}
