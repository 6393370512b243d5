package dev.caretaker.deployment.release;

import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a release may be deployed. The checks run in the order a forger would have to
 * beat them — manifest well-formed, signed, by a trusted key, with a valid signature, for this
 * template, not a silent downgrade — and the first that fails is the verdict.
 */
public final class ReleaseVerifier {

    private final TrustedKeys trustedKeys;
    private final ManagedKeyVerifier managedKeys;

    public ReleaseVerifier(TrustedKeys trustedKeys, ManagedKeyVerifier managedKeys) {
        this.trustedKeys = Objects.requireNonNull(trustedKeys, "trustedKeys");
        this.managedKeys = Objects.requireNonNull(managedKeys, "managedKeys");
    }

    /**
     * @param manifestBytes   the manifest as published
     * @param source          where it came from, for messages (file name or s3:// URL)
     * @param signatureBytes  the detached signature document, empty when none was published
     * @param template        the template's bytes, empty to skip the hash check (the workflow always passes them)
     * @param deployedVersion the version the stack runs now, empty for a new stack
     */
    public ReleaseVerdict verify(byte[] manifestBytes, String source, Optional<byte[]> signatureBytes,
                                 Optional<byte[]> template, Optional<String> deployedVersion) {
        ReleaseManifest manifest;
        try {
            manifest = ReleaseManifest.parse(manifestBytes, source);
        } catch (ManifestException e) {
            return new ReleaseVerdict.Refused(Refusal.MALFORMED_MANIFEST, e.getMessage());
        }
        if (signatureBytes.isEmpty()) {
            return new ReleaseVerdict.Refused(Refusal.UNSIGNED, source + " is not signed: no " + source
                    + ".sig next to it. Ask the vendor for the signed release (caretaker release sign makes the signature)");
        }
        ReleaseSignature signature;
        try {
            signature = ReleaseSignature.parse(signatureBytes.get(), source + ".sig");
        } catch (IllegalArgumentException e) {
            return new ReleaseVerdict.Refused(Refusal.BAD_SIGNATURE, e.getMessage());
        }
        Optional<TrustedKey> key = trustedKeys.find(signature.keyId());
        if (key.isEmpty()) {
            return new ReleaseVerdict.Refused(Refusal.UNKNOWN_KEY, source + " is signed with key '" + signature.keyId()
                    + "', which is not a trusted key (trusted: " + trustedKeys.ids() + "). If the vendor rotated keys, add"
                    + " the new public key to deployment.trustedKeys after checking it with the vendor");
        }
        if (!signatureValid(key.get(), signature, manifest)) {
            return new ReleaseVerdict.Refused(Refusal.BAD_SIGNATURE, source + ": the signature does not verify with trusted"
                    + " key '" + signature.keyId() + "' (" + signature.algorithm() + "): the manifest was changed after"
                    + " signing or signed with another key. Do not deploy it; ask the vendor to re-sign");
        }
        if (template.isPresent()) {
            String actual = Sha256.hex(template.get());
            if (!actual.equals(manifest.templateSha256())) {
                return new ReleaseVerdict.Refused(Refusal.TEMPLATE_MISMATCH, "the template at " + manifest.templateLocation()
                        + " has SHA-256 " + actual + " but the signed manifest says " + manifest.templateSha256()
                        + ": the template was changed or replaced after the release was signed. Do not deploy it");
            }
        }
        if (deployedVersion.isPresent() && !manifest.rollback()) {
            Optional<String> downgrade = downgrade(manifest, deployedVersion.get());
            if (downgrade.isPresent()) {
                return new ReleaseVerdict.Refused(Refusal.DOWNGRADE, downgrade.get());
            }
        }
        return new ReleaseVerdict.Trusted(manifest, signature.keyId(), template.isPresent());
    }

    private static Optional<String> downgrade(ReleaseManifest manifest, String deployed) {
        SemanticVersion current;
        try {
            current = SemanticVersion.parse(deployed);
        } catch (IllegalArgumentException e) {
            // The deployed version came from an earlier record; if it is unreadable, say so rather than guess an order.
            return Optional.of("the deployed version of " + manifest.stack() + " cannot be compared: " + e.getMessage());
        }
        if (manifest.semanticVersion().isOlderThan(current)) {
            return Optional.of(manifest.stack() + " " + manifest.version() + " is older than the deployed " + deployed
                    + "; a downgrade needs a manifest with \"rollback\": true, signed by the vendor");
        }
        return Optional.empty();
    }

    private boolean signatureValid(TrustedKey key, ReleaseSignature signature, ReleaseManifest manifest) {
        return switch (key) {
            case TrustedKey.Pem pem -> {
                if (!signature.algorithm().fits(pem.publicKey())) {
                    yield false;
                }
                try {
                    var verifier = signature.algorithm().newSignature();
                    verifier.initVerify(pem.publicKey());
                    verifier.update(manifest.canonicalBytes());
                    yield verifier.verify(signature.signature());
                } catch (GeneralSecurityException malformedSignature) {
                    // A signature that is not even well-formed DER is as bad as a wrong one.
                    yield false;
                }
            }
            case TrustedKey.Kms kms -> managedKeys.verify(kms.kmsKeyId(), signature.algorithm(),
                    Sha256.digest(manifest.canonicalBytes()), signature.signature());
        };
    }
}
