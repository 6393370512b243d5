package dev.caretaker.deployment.release;

/**
 * Port: verifies a signature with an asymmetric key that never leaves its key service (KMS).
 * Answers false for a signature that does not verify; throws for anything else (no access,
 * key disabled, service unreachable), which is not a verdict on the release.
 */
public interface ManagedKeyVerifier {

    boolean verify(String keyId, SignatureAlgorithm algorithm, byte[] sha256Digest, byte[] signature);

    /** For callers configured without a key service: any KMS trusted key is a configuration error. */
    static ManagedKeyVerifier unavailable() {
        return (keyId, algorithm, digest, signature) -> {
            throw new IllegalStateException("trusted key " + keyId + " is a KMS key, and no KMS client is configured here");
        };
    }
}
