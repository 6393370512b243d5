package dev.caretaker.drift;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The drift worker's part of the configuration ({@code drift.ignore}, {@code drift.remediation},
 * {@code drift.rateLimit.callsPerSecond}) as plain values. The worker reads them from the configuration
 * in force ({@link ConfiguredDriftSettings}); without one they come from DRIFT_IGNORE (a JSON list of
 * ignore entries in the configuration's shape), DRIFT_REMEDIATION and DRIFT_CALLS_PER_SECOND.
 */
public record DriftSettings(List<IgnoreRule> ignore, RemediationMode remediation, double callsPerSecond) {

    public static final double DEFAULT_CALLS_PER_SECOND = 2;

    public DriftSettings {
        ignore = List.copyOf(ignore);
        Objects.requireNonNull(remediation, "remediation");
        if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
            throw new IllegalArgumentException("drift.rateLimit.callsPerSecond must be a positive number, was " + callsPerSecond);
        }
    }

    /** @param variable the environment, returning null for unset variables */
    public static DriftSettings fromEnvironment(Function<String, String> variable) {
        String rate = variable.apply("DRIFT_CALLS_PER_SECOND");
        double callsPerSecond;
        try {
            callsPerSecond = rate == null || rate.isBlank() ? DEFAULT_CALLS_PER_SECOND : Double.parseDouble(rate.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DRIFT_CALLS_PER_SECOND must be a number, was '" + rate + "'");
        }
        String mode = variable.apply("DRIFT_REMEDIATION");
        RemediationMode remediation = mode == null || mode.isBlank() ? RemediationMode.NEVER : RemediationMode.parse(mode);
        String ignore = variable.apply("DRIFT_IGNORE");
        return new DriftSettings(ignore == null || ignore.isBlank() ? List.of() : ignoreRules(ignore, "DRIFT_IGNORE"),
                remediation, callsPerSecond);
    }

    /** Ignore entries in the configuration's shape, from JSON; errors name the entry and field. */
    public static List<IgnoreRule> ignoreRules(String json, String source) {
        JsonNode list;
        try {
            list = Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(source + ": not valid JSON");
        }
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(source + ": expected a list of {resource, resourceType, property, reason}");
        }
        List<IgnoreRule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String where = source + "[" + i + "]";
            if (!entry.isObject()) {
                throw new IllegalArgumentException(where + ": expected an object with resource, resourceType, property, reason");
            }
            try {
                rules.add(IgnoreRule.of(text(entry, "resource"), text(entry, "resourceType"), text(entry, "property"),
                        text(entry, "reason")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return rules;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
