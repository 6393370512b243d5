package dev.caretaker.deployment.release;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;

/**
 * The signature schemes a release may be signed with, named as AWS KMS names them so that a
 * signature made with {@code kms:Sign} and one made with a PEM key are the same thing. All hash
 * with SHA-256; ECDSA signatures are ASN.1 DER (what both KMS and the JDK produce).
 */
public enum SignatureAlgorithm {
    ECDSA_SHA_256("SHA256withECDSA", null),
    RSASSA_PKCS1_V1_5_SHA_256("SHA256withRSA", null),
    // KMS's RSASSA_PSS_SHA_256: MGF1 with SHA-256 and a salt as long as the digest.
    RSASSA_PSS_SHA_256("RSASSA-PSS", new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));

    private final String jcaName;
    private final PSSParameterSpec pss;

    SignatureAlgorithm(String jcaName, PSSParameterSpec pss) {
        this.jcaName = jcaName;
        this.pss = pss;
    }

    public static SignatureAlgorithm parse(String name) {
        return Arrays.stream(values()).filter(value -> value.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown signature algorithm '" + name + "'; one of "
                        + Arrays.toString(values())));
    }

    /** The default scheme for a key: ECDSA for an EC key, PKCS#1 v1.5 for an RSA key. */
    public static SignatureAlgorithm defaultFor(Key key) {
        return key instanceof ECKey ? ECDSA_SHA_256 : RSASSA_PKCS1_V1_5_SHA_256;
    }

    public boolean fits(Key key) {
        return this == ECDSA_SHA_256 ? key instanceof ECKey : key instanceof RSAKey;
    }

    Signature newSignature() throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaName);
        if (pss != null) {
            signature.setParameter(pss);
        }
        return signature;
    }
}
