package dev.caretaker.config;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/** Checks a trusted release-signing key: PEM SubjectPublicKeyInfo, EC P-256 or RSA of at least 2048 bits. */
final class PublicKeys {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private PublicKeys() {
    }

    /** What is wrong with the PEM text, if anything. */
    static Optional<String> problem(String pem) {
        String text = pem.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            return Optional.of("publicKey must be PEM between " + BEGIN + " and " + END);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
        } catch (IllegalArgumentException e) {
            return Optional.of("publicKey is not valid base64");
        }
        Optional<PublicKey> key = decode("EC", der).or(() -> decode("RSA", der));
        if (key.isEmpty()) {
            return Optional.of("publicKey is not an EC or RSA public key");
        }
        return switch (key.get()) {
            case ECPublicKey ec when isP256(ec.getParams()) -> Optional.empty();
            case ECPublicKey ec -> Optional.of("EC publicKey must be on curve P-256 (secp256r1)");
            case RSAPublicKey rsa when rsa.getModulus().bitLength() >= 2048 -> Optional.empty();
            case RSAPublicKey rsa -> Optional.of("RSA publicKey must have at least 2048 bits, has "
                    + rsa.getModulus().bitLength());
            default -> Optional.of("publicKey is not an EC or RSA public key");
        };
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
            p256.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
            return expected.getCurve().equals(params.getCurve()) && expected.getGenerator().equals(params.getGenerator());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Optional<PublicKey> decode(String algorithm, byte[] der) {
        try {
            return Optional.of(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
