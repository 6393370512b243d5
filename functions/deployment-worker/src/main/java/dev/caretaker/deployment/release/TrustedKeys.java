package dev.caretaker.deployment.release;

import dev.caretaker.config.CaretakerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The trusted keys by id. Ids are unique: two keys under one id would make a signature ambiguous. */
public record TrustedKeys(List<TrustedKey> keys) {

    public TrustedKeys {
        keys = List.copyOf(keys);
        Map<String, TrustedKey> seen = new LinkedHashMap<>();
        for (TrustedKey key : keys) {
            if (seen.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("trusted key id '" + key.id() + "' appears twice");
            }
        }
    }

    public Optional<TrustedKey> find(String id) {
        return keys.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return keys.stream().map(TrustedKey::id).toList();
    }

    /** From the configuration in force; the configuration's own validation already refused weak or malformed keys. */
    public static TrustedKeys of(List<CaretakerConfig.TrustedKey> configured) {
        List<TrustedKey> keys = new ArrayList<>();
        for (CaretakerConfig.TrustedKey key : configured) {
            keys.add(switch (key) {
                case CaretakerConfig.TrustedKey.Pem pem -> new TrustedKey.Pem(pem.id(),
                        PemKeys.publicKey(pem.publicKey(), "deployment.trustedKeys[id=" + pem.id() + "].publicKey"));
                case CaretakerConfig.TrustedKey.Kms kms -> new TrustedKey.Kms(kms.id(), kms.kmsKeyId());
            });
        }
        return new TrustedKeys(keys);
    }

    /**
     * From the configuration's shape, {@code [{id, publicKey: PEM} | {id, kmsKeyId}]}, as parsed
     * from YAML or JSON; {@code where} (e.g. "trusted-keys.yaml: deployment.trustedKeys") starts each error.
     */
    public static TrustedKeys fromEntries(List<?> entries, String where) {
        List<TrustedKey> keys = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = where + "[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException(at + ": an object {id, publicKey} or {id, kmsKeyId} expected");
            }
            for (Object field : entry.keySet()) {
                if (!List.of("id", "publicKey", "kmsKeyId").contains(String.valueOf(field))) {
                    throw new IllegalArgumentException(at + "." + field + ": unknown field; a trusted key has id and"
                            + " either publicKey or kmsKeyId");
                }
            }
            Object id = entry.get("id");
            if (!(id instanceof String text) || text.isBlank()) {
                throw new IllegalArgumentException(at + ".id: required, a non-empty string");
            }
            Object pem = entry.get("publicKey");
            Object kms = entry.get("kmsKeyId");
            if ((pem == null) == (kms == null)) {
                throw new IllegalArgumentException(at + ": exactly one of publicKey (PEM) or kmsKeyId is required");
            }
            if (pem != null) {
                keys.add(new TrustedKey.Pem(text, PemKeys.publicKey(String.valueOf(pem), at + ".publicKey")));
            } else {
                if (!(kms instanceof String kmsKeyId) || kmsKeyId.isBlank()) {
                    throw new IllegalArgumentException(at + ".kmsKeyId: a key id, key ARN or alias expected");
                }
                keys.add(new TrustedKey.Kms(text, kmsKeyId));
            }
        }
        return new TrustedKeys(keys);
    }
}
