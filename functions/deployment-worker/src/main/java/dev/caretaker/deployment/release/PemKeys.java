package dev.caretaker.deployment.release;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM keys (public: SubjectPublicKeyInfo, "BEGIN PUBLIC KEY"; private: PKCS#8, "BEGIN
 * PRIVATE KEY", what {@code openssl genpkey} writes) and holds them to the strength Caretaker
 * accepts: EC on curve P-256, or RSA of at least 2048 bits.
 */
public final class PemKeys {

    public static final int MIN_RSA_BITS = 2048;
    // P-256's order, n: identifies the curve without depending on the provider's curve names.
    private static final BigInteger P256_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemKeys() {
    }

    public static PublicKey publicKey(String pem, String where) {
        byte[] der = decode(pem, "PUBLIC KEY", where);
        for (String algorithm : new String[]{"EC", "RSA"}) {
            try {
                return checkStrength(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der)), where);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException(where + ": not an EC or RSA public key");
    }

    public static PrivateKey privateKey(String pem, String where) {
        if (pem.contains("-----BEGIN EC PRIVATE KEY-----") || pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new IllegalArgumentException(where + ": a traditional (SEC1/PKCS#1) private key; convert it to PKCS#8 with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException(where + ": an encrypted private key; decrypt it to an unencrypted PKCS#8 file"
                    + " kept somewhere safe, or sign with KMS");
        }
        byte[] der = decode(pem, "PRIVATE KEY", where);
        for (String algorithm : new String[]{"EC", "RSA"}) {
            try {
                return checkStrength(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)), where);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException(where + ": not an EC or RSA private key");
    }

    static <K extends Key> K checkStrength(K key, String where) {
        if (key instanceof ECKey ec) {
            ECParameterSpec params = ec.getParams();
            if (!P256_ORDER.equals(params.getOrder())) {
                throw new IllegalArgumentException(where + ": an EC key on a curve other than P-256 (secp256r1)");
            }
        } else if (key instanceof RSAKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException(where + ": an RSA key of " + rsa.getModulus().bitLength()
                        + " bits; at least " + MIN_RSA_BITS + " are required");
            }
        } else {
            throw new IllegalArgumentException(where + ": neither an EC nor an RSA key");
        }
        return key;
    }

    private static byte[] decode(String pem, String type, String where) {
        Matcher block = BLOCK.matcher(pem == null ? "" : pem);
        while (block.find()) {
            if (block.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(block.group(2).replaceAll("\\s", ""));
                } catch (IllegalArgumentException badBase64) {
                    throw new IllegalArgumentException(where + ": the " + type + " block is not valid base64");
                }
            }
        }
        throw new IllegalArgumentException(where + ": no '-----BEGIN " + type + "-----' block found");
    }
}
