package dev.caretaker.deployment.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseVerifierTest {

    private static final KeyPair EC = TestKeys.ecP256();
    private static final KeyPair RSA = TestKeys.rsa(2048);
    private static final KeyPair OTHER_EC = TestKeys.ecP256();

    private final List<String> kmsCalls = new ArrayList<>();
    private final TrustedKeys trusted = new TrustedKeys(List.of(
            new TrustedKey.Pem("vendor-ec", EC.getPublic()),
            new TrustedKey.Pem("vendor-rsa", RSA.getPublic()),
            new TrustedKey.Kms("vendor-kms", "alias/vendor-release-signing")));

    private ReleaseVerifier verifier(ManagedKeyVerifier kms) {
        return new ReleaseVerifier(trusted, kms);
    }

    private final ReleaseVerifier verifier = verifier(ManagedKeyVerifier.unavailable());

    private static byte[] signed(byte[] manifest, KeyPair pair, String keyId, SignatureAlgorithm algorithm) {
        return ReleaseSigner.sign(ReleaseManifest.parse(manifest, "manifest.json"), pair.getPrivate(), keyId, algorithm).toJson();
    }

    private ReleaseVerdict verify(byte[] manifest, byte[] signature) {
        return verifier.verify(manifest, "manifest.json", Optional.ofNullable(signature), Optional.of(Manifests.TEMPLATE),
                Optional.of("1.3.2"));
    }

    @Test
    void trustsRelease_whenSignedWithEcdsaP256() {
        byte[] manifest = Manifests.manifest("1.4.0");

        ReleaseVerdict verdict = verify(manifest, signed(manifest, EC, "vendor-ec", SignatureAlgorithm.ECDSA_SHA_256));

        assertThat(verdict).isInstanceOfSatisfying(ReleaseVerdict.Trusted.class, trusted -> {
            assertThat(trusted.keyId()).isEqualTo("vendor-ec");
            assertThat(trusted.manifest().version()).isEqualTo("1.4.0");
            assertThat(trusted.templateChecked()).isTrue();
        });
    }

    @Test
    void trustsRelease_whenSignedWithRsaPkcs1OrPss() {
        byte[] manifest = Manifests.manifest("1.4.0");

        assertThat(verify(manifest, signed(manifest, RSA, "vendor-rsa", SignatureAlgorithm.RSASSA_PKCS1_V1_5_SHA_256)))
                .isInstanceOf(ReleaseVerdict.Trusted.class);
        assertThat(verify(manifest, signed(manifest, RSA, "vendor-rsa", SignatureAlgorithm.RSASSA_PSS_SHA_256)))
                .isInstanceOf(ReleaseVerdict.Trusted.class);
    }

    @Test
    void trustsRelease_whenOnlyWhitespaceAndKeyOrderChangedAfterSigning() {
        byte[] manifest = Manifests.manifest("1.4.0");
        byte[] signature = signed(manifest, EC, "vendor-ec", SignatureAlgorithm.ECDSA_SHA_256);
        byte[] reformatted = new String(manifest, StandardCharsets.UTF_8).replace("\n", "").replace("  ", "")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(reformatted).isNotEqualTo(manifest);
        assertThat(verify(reformatted, signature)).isInstanceOf(ReleaseVerdict.Trusted.class);
    }

    @Test
    void refusesAsUnsigned_whenNoSignatureCame() {
        ReleaseVerdict verdict = verify(Manifests.manifest("1.4.0"), null);

        assertThat(verdict).isInstanceOfSatisfying(ReleaseVerdict.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.UNSIGNED);
            assertThat(refused.message()).contains("manifest.json is not signed").contains("manifest.json.sig");
        });
    }

    @Test
    void refusesAsUnknownKey_whenKeyIdIsNotTrusted() {
        byte[] manifest = Manifests.manifest("1.4.0");

        ReleaseVerdict verdict = verify(manifest, signed(manifest, OTHER_EC, "vendor-2027", SignatureAlgorithm.ECDSA_SHA_256));

        assertThat(verdict).isInstanceOfSatisfying(ReleaseVerdict.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.UNKNOWN_KEY);
            assertThat(refused.message()).contains("'vendor-2027'").contains("[vendor-ec, vendor-rsa, vendor-kms]");
        });
    }

    @Test
    void refusesAsBadSignature_whenManifestChangedAfterSigning() {
        byte[] signature = signed(Manifests.manifest("1.4.0"), EC, "vendor-ec", SignatureAlgorithm.ECDSA_SHA_256);
        byte[] tampered = new String(Manifests.manifest("1.4.0"), StandardCharsets.UTF_8).replace("t3.small", "t3.large")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(verify(tampered, signature)).isInstanceOfSatisfying(ReleaseVerdict.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.BAD_SIGNATURE);
            assertThat(refused.message()).contains("does not verify with trusted key 'vendor-ec'");
        });
    }

    @Test
    void refusesAsBadSignature_whenAnotherKeySignedUnderATrustedId() {
        byte[] manifest = Manifests.manifest("1.4.0");

        assertThat(verify(manifest, signed(manifest, OTHER_EC, "vendor-ec", SignatureAlgorithm.ECDSA_SHA_256)))
                .extracting(verdict -> ((ReleaseVerdict.Refused) verdict).reason()).isEqualTo(Refusal.BAD_SIGNATURE);
    }

    @Test
    void refusesAsBadSignature_whenAlgorithmDoesNotFitTheKeyOrSignatureIsGarbage() {
        byte[] manifest = Manifests.manifest("1.4.0");
        byte[] rsaSignedClaimingEc = ("{\"keyId\":\"vendor-ec\",\"algorithm\":\"RSASSA_PKCS1_V1_5_SHA_256\",\"signature\":\""
                + java.util.Base64.getEncoder().encodeToString(ReleaseSigner.sign(ReleaseManifest.parse(manifest, "m"),
                RSA.getPrivate(), "x", SignatureAlgorithm.RSASSA_PKCS1_V1_5_SHA_256).signature()) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "{\"keyId\":\"vendor-ec\",\"algorithm\":\"ECDSA_SHA_256\",\"signature\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);

        for (byte[] signature : List.of(rsaSignedClaimingEc, garbage, notJson)) {
            assertThat(verify(manifest, signature)).as(new String(signature, StandardCharsets.UTF_8))
                    .extracting(verdict -> ((ReleaseVerdict.Refused) verdict).reason()).isEqualTo(Refusal.BAD_SIGNATURE);
        }
    }

    @Test
    void refusesAsTemplateMismatch_whenTemplateHashDiffers() {
        byte[] manifest = Manifests.manifest("1.4.0");
        byte[] tamperedTemplate = Arrays.copyOf(Manifests.TEMPLATE, Manifests.TEMPLATE.length + 1);

        ReleaseVerdict verdict = verifier.verify(manifest, "manifest.json",
                Optional.of(signed(manifest, EC, "vendor-ec", SignatureAlgorithm.ECDSA_SHA_256)), Optional.of(tamperedTemplate),
                Optional.empty());

        assertThat(verdict).isInstanceOfSatisfying(ReleaseVerdict.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.TEMPLATE_MISMATCH);
            assertThat(refused.message()).contains(Sha256.hex(tamperedTemplate)).contains(Manifests.TEMPLATE_SHA256);
        });
    }

    @Test
    void trustsWithoutTemplateCheck_whenNoTemplateGiven() {
        byte[] manifest = Manifests.manifest("1.4.0");

        ReleaseVerdict verdict = verifier.verify(manifest, "manifest.json",
                Optional.of(signed(manifest, EC, "vendor-ec", SignatureAlgorithm.ECDSA_SHA_256)), Optional.empty(), Optional.empty());

        assertThat(verdict).isInstanceOfSatisfying(ReleaseVerdict.Trusted.class, trusted -> assertThat(trusted.templateChecked()).isFalse());
    }

    @Test
    void refusesAsDowngrade_whenOlderThanDeployedAndNotARollback() {
        byte[] manifest = Manifests.manifest("1.3.0");

        ReleaseVerdict verdict = verify(manifest, signed(manifest, EC, "vendor-ec", SignatureAlgorithm.ECDSA_SHA_256));

        assertThat(verdict).isInstanceOfSatisfying(ReleaseVerdict.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(Refusal.DOWNGRADE);
            assertThat(refused.message()).isEqualTo("app 1.3.0 is older than the deployed 1.3.2; a downgrade needs a manifest"
                    + " with \"rollback\": true, signed by the vendor");
        });
    }

    @Test
    void refusesAsDowngrade_whenPreReleaseOfTheDeployedVersion() {
        byte[] manifest = Manifests.manifest("1.3.2-rc.1");

        assertThat(verify(manifest, signed(manifest, EC, "vendor-ec", SignatureAlgorithm.ECDSA_SHA_256)))
                .extracting(verdict -> ((ReleaseVerdict.Refused) verdict).reason()).isEqualTo(Refusal.DOWNGRADE);
    }

    @Test
    void trustsOlderVersion_whenExplicitRollback() {
        byte[] manifest = Manifests.manifest("1.3.0", true);

        assertThat(verify(manifest, signed(manifest, EC, "vendor-ec", SignatureAlgorithm.ECDSA_SHA_256)))
                .isInstanceOf(ReleaseVerdict.Trusted.class);
    }

    @Test
    void trustsSameVersion_whenRedeployed() {
        byte[] manifest = Manifests.manifest("1.3.2");

        assertThat(verify(manifest, signed(manifest, EC, "vendor-ec", SignatureAlgorithm.ECDSA_SHA_256)))
                .isInstanceOf(ReleaseVerdict.Trusted.class);
    }

    @Test
    void refusesAsMalformed_whenManifestIsBroken() {
        ReleaseVerdict verdict = verify("{\"stack\":\"app\"}".getBytes(StandardCharsets.UTF_8), null);

        assertThat(verdict).isEqualTo(new ReleaseVerdict.Refused(Refusal.MALFORMED_MANIFEST, "manifest.json: version: required"));
    }

    @Test
    void asksKmsWithTheCanonicalDigest_whenKeyIsAKmsKey() {
        byte[] manifest = Manifests.manifest("1.4.0");
        byte[] expectedDigest = Sha256.digest(ReleaseManifest.parse(manifest, "m").canonicalBytes());
        byte[] signatureBytes = {1, 2, 3};
        String signature = "{\"keyId\":\"vendor-kms\",\"algorithm\":\"ECDSA_SHA_256\",\"signature\":\"AQID\"}";
        ReleaseVerifier withKms = verifier((keyId, algorithm, digest, sig) -> {
            kmsCalls.add(keyId + " " + algorithm);
            return Arrays.equals(digest, expectedDigest) && Arrays.equals(sig, signatureBytes);
        });

        ReleaseVerdict verdict = withKms.verify(manifest, "manifest.json", Optional.of(signature.getBytes(StandardCharsets.UTF_8)),
                Optional.of(Manifests.TEMPLATE), Optional.empty());

        assertThat(verdict).isInstanceOf(ReleaseVerdict.Trusted.class);
        assertThat(kmsCalls).containsExactly("alias/vendor-release-signing ECDSA_SHA_256");
    }

    @Test
    void refusesAsBadSignature_whenKmsSaysInvalid() {
        String signature = "{\"keyId\":\"vendor-kms\",\"algorithm\":\"ECDSA_SHA_256\",\"signature\":\"AQID\"}";
        ReleaseVerifier withKms = verifier((keyId, algorithm, digest, sig) -> false);

        assertThat(withKms.verify(Manifests.manifest("1.4.0"), "manifest.json", Optional.of(signature.getBytes(StandardCharsets.UTF_8)),
                Optional.empty(), Optional.empty()))
                .extracting(verdict -> ((ReleaseVerdict.Refused) verdict).reason()).isEqualTo(Refusal.BAD_SIGNATURE);
    }

    @Test
    void refusesToSign_whenAlgorithmDoesNotFitKey() {
        assertThatThrownBy(() -> ReleaseSigner.sign(ReleaseManifest.parse(Manifests.manifest("1.4.0"), "m"), EC.getPrivate(), "k",
                SignatureAlgorithm.RSASSA_PSS_SHA_256))
                .hasMessage("RSASSA_PSS_SHA_256 does not fit a EC key");
    }
}
