package dev.caretaker.deployment.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A detached release signature, kept next to the manifest as {@code <manifest>.sig}:
 * {@code {"keyId": "vendor-2026", "algorithm": "ECDSA_SHA_256", "signature": "<base64>"}}.
 * The key id names the trusted key to check it with; the signature covers the manifest's
 * canonical bytes.
 */
public record ReleaseSignature(String keyId, SignatureAlgorithm algorithm, byte[] signature) {

    public ReleaseSignature {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public static ReleaseSignature parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a signature is a JSON object {keyId, algorithm, signature}");
        }
        String keyId = field(root, "keyId", source);
        SignatureAlgorithm algorithm;
        try {
            algorithm = SignatureAlgorithm.parse(field(root, "algorithm", source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": algorithm: " + e.getMessage());
        }
        try {
            return new ReleaseSignature(keyId, algorithm, Base64.getDecoder().decode(field(root, "signature", source)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": signature: not valid base64");
        }
    }

    public byte[] toJson() {
        Map<String, String> document = new LinkedHashMap<>();
        document.put("keyId", keyId);
        document.put("algorithm", algorithm.name());
        document.put("signature", Base64.getEncoder().encodeToString(signature));
        return (Json.write(document) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String field(JsonNode root, String name, String source) {
        JsonNode value = root.get(name);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(source + ": " + name + ": required, a non-empty string");
        }
        return value.textValue();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReleaseSignature that && keyId.equals(that.keyId) && algorithm == that.algorithm
                && java.util.Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * keyId.hashCode() + algorithm.hashCode()) + java.util.Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "ReleaseSignature[" + keyId + ", " + algorithm + "]";
    }
}
