package dev.caretaker.deployment.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a vendor releases: one version of one stack's template, with the parameter defaults and the
 * capabilities it needs. The signature covers {@link #canonicalBytes()}, the RFC 8785 form of the
 * manifest as written, so every field here is signed.
 *
 * <pre>{@code
 * {"stack": "app", "version": "1.4.0",
 *  "template": {"location": "s3://vendor-releases/app/1.4.0/template.yaml", "sha256": "<64 hex>"},
 *  "parameters": {"InstanceType": "t3.small"},
 *  "capabilities": ["CAPABILITY_IAM"],
 *  "rollback": false}
 * }</pre>
 *
 * @param parameters   parameter defaults; the customer's configuration may override them
 * @param capabilities the capabilities the template needs, which the customer must acknowledge
 * @param rollback     true for an explicit rollback: the only way to deploy a version older than the deployed one
 */
public record ReleaseManifest(String stack, String version, String templateLocation, String templateSha256,
                              Map<String, String> parameters, List<String> capabilities, boolean rollback,
                              byte[] canonicalBytes) {

    public static final Set<String> CAPABILITIES = Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");

    private static final Set<String> FIELDS = Set.of("stack", "version", "template", "parameters", "capabilities", "rollback");
    private static final Set<String> TEMPLATE_FIELDS = Set.of("location", "sha256");
    // CloudFormation's own rule for stack names.
    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ReleaseManifest {
        parameters = Map.copyOf(parameters);
        capabilities = List.copyOf(capabilities);
        canonicalBytes = canonicalBytes.clone();
    }

    @Override
    public byte[] canonicalBytes() {
        return canonicalBytes.clone();
    }

    public SemanticVersion semanticVersion() {
        return SemanticVersion.parse(version);
    }

    /** Reads and checks a manifest; {@code source} (a file name or URL) starts every error message. */
    public static ReleaseManifest parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(json);
        } catch (JsonProcessingException e) {
            throw new ManifestException(source + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new ManifestException(source + ": cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ManifestException(source + ": a release manifest is a JSON object");
        }
        unknownFields(root, FIELDS, source, "");

        String stack = text(root, "stack", source);
        if (!STACK_NAME.matcher(stack).matches()) {
            throw new ManifestException(source + ": stack: '" + stack + "' is not a CloudFormation stack name"
                    + " (a letter, then up to 127 letters, digits or '-')");
        }
        String version = text(root, "version", source);
        try {
            SemanticVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(source + ": version: " + e.getMessage());
        }

        JsonNode template = root.get("template");
        if (template == null || !template.isObject()) {
            throw new ManifestException(source + ": template: required, an object {location, sha256}");
        }
        unknownFields(template, TEMPLATE_FIELDS, source, "template.");
        String location = text(template, "location", source + ": template");
        if (!location.startsWith("s3://") && !location.startsWith("https://")) {
            throw new ManifestException(source + ": template.location: '" + location + "' must start with s3:// or https://");
        }
        String sha256 = text(template, "sha256", source + ": template");
        if (!SHA256.matcher(sha256).matches()) {
            throw new ManifestException(source + ": template.sha256: 64 lower-case hex digits expected, got '" + sha256 + "'");
        }

        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode params = root.get("parameters");
        if (params != null) {
            if (!params.isObject()) {
                throw new ManifestException(source + ": parameters: an object of parameter name to string value expected");
            }
            for (Map.Entry<String, JsonNode> parameter : params.properties()) {
                if (!parameter.getValue().isTextual()) {
                    throw new ManifestException(source + ": parameters." + parameter.getKey()
                            + ": CloudFormation parameter values are strings; quote it");
                }
                parameters.put(parameter.getKey(), parameter.getValue().textValue());
            }
        }

        List<String> capabilities = new ArrayList<>();
        JsonNode caps = root.get("capabilities");
        if (caps != null) {
            if (!caps.isArray()) {
                throw new ManifestException(source + ": capabilities: a list expected, e.g. [\"CAPABILITY_IAM\"]");
            }
            for (JsonNode cap : caps) {
                if (!cap.isTextual() || !CAPABILITIES.contains(cap.textValue())) {
                    throw new ManifestException(source + ": capabilities: '" + cap.asText() + "' is not one of "
                            + "CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND");
                }
                capabilities.add(cap.textValue());
            }
        }

        JsonNode rollback = root.get("rollback");
        if (rollback != null && !rollback.isBoolean()) {
            throw new ManifestException(source + ": rollback: true or false expected");
        }
        return new ReleaseManifest(stack, version, location, sha256, parameters, capabilities,
                rollback != null && rollback.booleanValue(), CanonicalJson.of(root));
    }

    /** The manifest as written, with template.sha256 set to the given hash: how `release sign --template` fills it in. */
    public static byte[] withTemplateSha256(byte[] json, String sha256, String source) {
        try {
            JsonNode root = Json.mapper().readTree(json);
            if (root == null || !root.isObject() || !root.path("template").isObject()) {
                throw new ManifestException(source + ": template: required, an object {location, sha256}");
            }
            ((ObjectNode) root.get("template")).put("sha256", sha256);
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new ManifestException(source + ": not valid JSON: " + e.getMessage());
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String source, String prefix) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                // Refused rather than ignored: a field this version does not understand must not ride along unchecked.
                throw new ManifestException(source + ": " + prefix + field.getKey() + ": unknown field; a manifest has "
                        + known.stream().sorted().map(name -> prefix + name).toList());
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ManifestException(where + ": " + field + ": required");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new ManifestException(where + ": " + field + ": a non-empty string expected");
        }
        return value.textValue();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReleaseManifest that && java.util.Arrays.equals(canonicalBytes, that.canonicalBytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(canonicalBytes);
    }

    @Override
    public String toString() {
        return "ReleaseManifest[" + stack + " " + version + (rollback ? " (rollback)" : "") + ", " + templateLocation + "]";
    }
}
