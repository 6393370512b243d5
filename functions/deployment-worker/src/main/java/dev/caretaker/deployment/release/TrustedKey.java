package dev.caretaker.deployment.release;

import java.security.PublicKey;
import java.util.Objects;

/**
 * A key the customer trusts to sign releases ({@code deployment.trustedKeys} in the configuration):
 * a public key held in the configuration, or an asymmetric KMS key that verifies for us.
 */
public sealed interface TrustedKey {

    String id();

    record Pem(String id, PublicKey publicKey) implements TrustedKey {
        public Pem {
            Objects.requireNonNull(id, "id");
            PemKeys.checkStrength(Objects.requireNonNull(publicKey, "publicKey"), "trusted key " + id);
        }
    }

    /** @param kmsKeyId key id, key ARN or alias, as KMS Verify takes it */
    record Kms(String id, String kmsKeyId) implements TrustedKey {
        public Kms {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        }
    }
}
