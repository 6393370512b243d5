package dev.caretaker.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Percent-encoding as RFC 3986 has it (a space is %20, never '+'): SigV4 canonicalises the query
 * that way, and a page token is opaque text that may hold any character.
 */
final class QueryString {

    private QueryString() {
    }

    /** {@code a=1&b=2} in the map's order; entries with a null value are left out. Empty for none. */
    static String of(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(encode(name) + "=" + encode(value));
            }
        });
        return query.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }
}
