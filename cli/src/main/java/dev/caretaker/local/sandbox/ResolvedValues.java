package dev.caretaker.local.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Template values with the simple references resolved: {@code Ref} to a parameter or a pseudo
 * parameter, {@code ${Name}} of those in a {@code Fn::Sub} string, and {@code AWS::NoValue}
 * (the key goes). Everything else stays as written, so two values compare equal when their text
 * and the values they refer to are equal.
 */
final class ResolvedValues {

    private static final Pattern SUB_NAME = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");
    private static final Object NO_VALUE = new Object();

    private final Map<String, Object> names;

    ResolvedValues(String stackName, String stackId, String region, String accountId, Map<String, String> parameters,
                   Map<String, Map<String, Object>> declarations) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("AWS::StackName", stackName);
        resolved.put("AWS::StackId", stackId);
        resolved.put("AWS::Region", region);
        resolved.put("AWS::AccountId", accountId);
        resolved.put("AWS::Partition", "aws");
        resolved.put("AWS::URLSuffix", "amazonaws.com");
        resolved.put("AWS::NoValue", NO_VALUE);
        parameters.forEach((key, value) -> {
            String type = String.valueOf(declarations.getOrDefault(key, Map.of()).getOrDefault("Type", "String"));
            resolved.put(key, type.startsWith("List<") || type.equals("CommaDelimitedList")
                    ? Arrays.stream(value.split(",", -1)).map(String::strip).toList()
                    : value);
        });
        this.names = resolved;
    }

    Object resolve(Object value) {
        Object resolved = walk(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** The parameters a value refers to (by Ref or in a Sub string). */
    static Set<String> parametersReferenced(Object value, Set<String> parameters) {
        Set<String> found = new TreeSet<>();
        collect(value, parameters, found);
        return found;
    }

    private Object walk(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String name && names.containsKey(name)) {
                return names.get(name);
            }
            if (map.size() == 1 && map.get("Fn::Sub") instanceof String text) {
                return substitute(text);
            }
            Map<Object, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, child) -> {
                Object walked = walk(child);
                if (walked != NO_VALUE) {
                    resolved.put(key, walked);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object child : list) {
                Object walked = walk(child);
                if (walked != NO_VALUE) {
                    resolved.add(walked);
                }
            }
            return resolved;
        }
        return value;
    }

    private Object substitute(String text) {
        Matcher matcher = SUB_NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean unresolved = false;
        while (matcher.find()) {
            Object value = names.get(matcher.group(1));
            if (value instanceof String string) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(string));
            } else {
                unresolved = true;
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
            }
        }
        matcher.appendTail(out);
        return unresolved ? Map.of("Fn::Sub", out.toString()) : out.toString();
    }

    private static void collect(Object value, Set<String> parameters, Set<String> found) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String name && parameters.contains(name)) {
                found.add(name);
            }
            if (map.size() == 1 && map.get("Fn::Sub") instanceof String text) {
                Matcher matcher = SUB_NAME.matcher(text);
                while (matcher.find()) {
                    if (parameters.contains(matcher.group(1))) {
                        found.add(matcher.group(1));
                    }
                }
            }
            map.values().forEach(child -> collect(child, parameters, found));
        } else if (value instanceof List<?> list) {
            list.forEach(child -> collect(child, parameters, found));
        }
    }
}
