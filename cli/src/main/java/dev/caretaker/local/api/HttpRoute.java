package dev.caretaker.local.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route of the HTTP API as template.yaml declares it ({@code POST /webhooks/{source}}),
 * matched the way API Gateway does: literal segments exactly, {@code {name}} one segment.
 */
public record HttpRoute(String method, String path, String functionLogicalId) {

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    public HttpRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
    }

    public String routeKey() {
        return method + " " + path;
    }

    /** The path parameters when {@code requestPath} matches this route, empty otherwise. */
    public Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        String[] expected = segments(path);
        String[] actual = segments(requestPath);
        if (expected.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i++) {
            Matcher parameter = PARAMETER.matcher(expected[i]);
            if (parameter.matches()) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(parameter.group(1), actual[i]);
            } else if (!expected[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
