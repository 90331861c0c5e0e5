package io.callwire.core.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed switch address such as {@code asterisk://user:secret@127.0.0.1:5038?tls=true} or
 * {@code sim:?agents=20&seed=1}. {@link #toString()} masks the secret so a URI can be logged.
 *
 * @param scheme lower-case scheme
 * @param user   user name, empty when none
 * @param secret password or secret, empty when none; never logged
 * @param host   host, empty for opaque URIs such as {@code sim:}
 * @param port   port, 0 when absent (the adapter applies its default)
 * @param path   path or opaque part without the query, empty when none
 * @param params query parameters in their order, URL-decoded
 */
public record SwitchUri(String scheme, String user, String secret, String host, int port, String path,
                        Map<String, String> params) {

    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*");
    private static final Pattern USER_INFO = Pattern.compile("(://[^/@]*?:)[^/@]*@");

    public SwitchUri {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parses a switch URI.
     *
     * @throws InvalidSwitchUriException naming what is wrong, with any secret masked
     */
    public static SwitchUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSwitchUriException("switch URI is empty");
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || !SCHEME.matcher(text.substring(0, colon)).matches()) {
            throw new InvalidSwitchUriException("switch URI '" + mask(text)
                    + "' has no scheme; expected e.g. sim: or asterisk://user:secret@host:5038");
        }
        String scheme = text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(colon + 1);
        if (!rest.startsWith("//")) {
            int q = rest.indexOf('?');
            String path = q < 0 ? rest : rest.substring(0, q);
            return new SwitchUri(scheme, "", "", "", 0, decode(path, text), query(q < 0 ? "" : rest.substring(q + 1), text));
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidSwitchUriException("malformed switch URI '" + mask(text) + "': " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new InvalidSwitchUriException("switch URI '" + mask(text) + "' has no valid host");
        }
        String user = "";
        String secret = "";
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int sep = userInfo.indexOf(':');
            user = decode(sep < 0 ? userInfo : userInfo.substring(0, sep), text);
            secret = sep < 0 ? "" : decode(userInfo.substring(sep + 1), text);
        }
        int port = uri.getPort();
        String path = uri.getRawPath() == null ? "" : decode(uri.getRawPath(), text);
        return new SwitchUri(scheme, user, secret, uri.getHost(), Math.max(port, 0), path,
                query(uri.getRawQuery() == null ? "" : uri.getRawQuery(), text));
    }

    /** The parameter's value, or {@code fallback} when absent. */
    public String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    /** The parameter as an int, or {@code fallback} when absent; a non-number is a typed error. */
    public int intParam(String name, int fallback) {
        return (int) longParam(name, fallback);
    }

    /** The parameter as a long, or {@code fallback} when absent; a non-number is a typed error. */
    public long longParam(String name, long fallback) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSwitchUriException("parameter " + name + "=" + value + " of " + this + " is not a whole number");
        }
    }

    /** The parameter as a double, or {@code fallback} when absent; a non-number is a typed error. */
    public double doubleParam(String name, double fallback) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSwitchUriException("parameter " + name + "=" + value + " of " + this + " is not a number");
        }
    }

    /** The parameter as a boolean ({@code true}/{@code false}), or {@code fallback} when absent. */
    public boolean boolParam(String name, boolean fallback) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new InvalidSwitchUriException("parameter " + name + "=" + value + " of " + this + " is not true or false");
    }

    /** The port, or {@code defaultPort} when the URI names none. */
    public int portOr(int defaultPort) {
        return port == 0 ? defaultPort : port;
    }

    /** The URI with the secret replaced by {@code ***}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(scheme).append(':');
        if (!host.isEmpty()) {
            b.append("//");
            if (!user.isEmpty() || !secret.isEmpty()) {
                b.append(user);
                if (!secret.isEmpty()) {
                    b.append(":***");
                }
                b.append('@');
            }
            b.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
            if (port > 0) {
                b.append(':').append(port);
            }
        }
        b.append(path);
        if (!params.isEmpty()) {
            b.append('?');
            String sep = "";
            for (Map.Entry<String, String> e : params.entrySet()) {
                b.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = "&";
            }
        }
        return b.toString();
    }

    static String mask(String text) {
        return USER_INFO.matcher(text).replaceFirst("$1***@");
    }

    private static Map<String, String> query(String raw, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), text);
            if (key.isEmpty()) {
                throw new InvalidSwitchUriException("switch URI '" + mask(text) + "' has a parameter without a name");
            }
            if (out.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1), text)) != null) {
                throw new InvalidSwitchUriException("switch URI '" + mask(text) + "' repeats parameter " + key);
            }
        }
        return out;
    }

    private static String decode(String s, String text) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidSwitchUriException("switch URI '" + mask(text) + "' has a bad %-escape");
        }
    }
}
