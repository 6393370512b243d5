package dev.caretaker.deployment.release;

import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * {@link ManagedKeyVerifier} on KMS Verify. Sends the manifest's SHA-256 as a DIGEST, so a
 * manifest of any size verifies and KMS never sees the manifest itself; a vendor signs the same
 * digest with {@code kms:Sign --message-type DIGEST}.
 */
public final class KmsManagedKeyVerifier implements ManagedKeyVerifier {

    private final KmsClient kms;

    public KmsManagedKeyVerifier(KmsClient kms) {
        this.kms = Objects.requireNonNull(kms, "kms");
    }

    @Override
    public boolean verify(String keyId, SignatureAlgorithm algorithm, byte[] sha256Digest, byte[] signature) {
        try {
            return kms.verify(request -> request.keyId(keyId)
                    .message(SdkBytes.fromByteArray(sha256Digest))
                    .messageType(MessageType.DIGEST)
                    .signingAlgorithm(SigningAlgorithmSpec.fromValue(algorithm.name()))
                    .signature(SdkBytes.fromByteArray(signature))).signatureValid();
        } catch (KmsInvalidSignatureException doesNotVerify) {
            // KMS answers an invalid signature with this error rather than SignatureValid=false.
            return false;
        }
    }
}
