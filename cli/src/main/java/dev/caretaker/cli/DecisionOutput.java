package dev.caretaker.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** How approve, reject and cancel print the API's answer as a table. */
final class DecisionOutput {

    static final Map<String, String> DECISION = decision();
    static final Map<String, String> CANCELLATION = cancellation();

    private DecisionOutput() {
    }

    private static Map<String, String> decision() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("DEPLOYMENT", "deploymentId");
        fields.put("DECISION", "decision");
        fields.put("BY", "by");
        fields.put("STATUS", "status");
        return fields;
    }

    private static Map<String, String> cancellation() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("DEPLOYMENT", "deploymentId");
        fields.put("STATUS", "status");
        return fields;
    }
}
