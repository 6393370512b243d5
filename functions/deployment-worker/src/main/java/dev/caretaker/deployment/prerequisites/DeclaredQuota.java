package dev.caretaker.deployment.prerequisites;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A quota a template says it needs, declared in its Metadata:
 * <pre>
 * Metadata:
 *   Caretaker::Quotas:
 *     - ServiceCode: sqs          # as Service Quotas names the service
 *       QuotaCode: L-4B5C6AB0
 *       Required: 1               # the quota's value must be at least this
 *       Description: why          # optional, quoted in the finding
 * </pre>
 */
public record DeclaredQuota(String serviceCode, String quotaCode, double required, String description) {

    public static final String METADATA_KEY = "Caretaker::Quotas";

    /** From GetTemplateSummary's Metadata (JSON text, null when the template has none). */
    public static List<DeclaredQuota> fromMetadata(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(metadata);
        } catch (IOException e) {
            throw new IllegalArgumentException("template Metadata is not valid JSON: " + e.getMessage());
        }
        JsonNode quotas = root.path(METADATA_KEY);
        if (quotas.isMissingNode()) {
            return List.of();
        }
        if (!quotas.isArray()) {
            throw new IllegalArgumentException("template Metadata." + METADATA_KEY + ": a list of {ServiceCode, QuotaCode, Required} expected");
        }
        List<DeclaredQuota> declared = new ArrayList<>();
        for (int i = 0; i < quotas.size(); i++) {
            JsonNode quota = quotas.get(i);
            String where = "template Metadata." + METADATA_KEY + "[" + i + "]";
            if (!quota.path("ServiceCode").isTextual() || !quota.path("QuotaCode").isTextual() || !quota.path("Required").isNumber()) {
                throw new IllegalArgumentException(where + ": ServiceCode and QuotaCode (strings) and Required (a number) are required");
            }
            declared.add(new DeclaredQuota(quota.get("ServiceCode").textValue(), quota.get("QuotaCode").textValue(),
                    quota.get("Required").doubleValue(), quota.path("Description").isTextual() ? quota.get("Description").textValue() : null));
        }
        return declared;
    }
}
