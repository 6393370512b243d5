package dev.caretaker.deployment.release;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;

/** Signs a manifest's canonical bytes with a private key: what the vendor's pipeline does. */
public final class ReleaseSigner {

    private ReleaseSigner() {
    }

    public static ReleaseSignature sign(ReleaseManifest manifest, PrivateKey key, String keyId, SignatureAlgorithm algorithm) {
        if (!algorithm.fits(key)) {
            throw new IllegalArgumentException(algorithm + " does not fit a " + key.getAlgorithm() + " key");
        }
        try {
            var signer = algorithm.newSignature();
            signer.initSign(key);
            signer.update(manifest.canonicalBytes());
            return new ReleaseSignature(keyId, algorithm, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + algorithm + " failed: " + e.getMessage(), e);
        }
    }
}
