package dev.caretaker.deployment.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustedKeysTest {

    private static final KeyPair EC = TestKeys.ecP256();

    @Test
    void readsPemAndKmsKeys_whenGivenTheConfigurationShape() {
        TrustedKeys keys = TrustedKeys.fromEntries(List.of(
                Map.of("id", "vendor-ec", "publicKey", TestKeys.publicPem(EC)),
                Map.of("id", "vendor-kms", "kmsKeyId", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")),
                "deployment.trustedKeys");

        assertThat(keys.ids()).containsExactly("vendor-ec", "vendor-kms");
        assertThat(keys.find("vendor-ec")).get().isEqualTo(new TrustedKey.Pem("vendor-ec", EC.getPublic()));
        assertThat(keys.find("vendor-kms")).get().isInstanceOf(TrustedKey.Kms.class);
        assertThat(keys.find("nobody")).isEmpty();
    }

    @Test
    void refusesNamingTheEntry_whenAnEntryIsWrong() {
        assertThatThrownBy(() -> TrustedKeys.fromEntries(List.of(Map.of("id", "a")), "deployment.trustedKeys"))
                .hasMessage("deployment.trustedKeys[0]: exactly one of publicKey (PEM) or kmsKeyId is required");
        assertThatThrownBy(() -> TrustedKeys.fromEntries(List.of(Map.of("id", "a", "kmsKeyId", "k"), Map.of("publicKey", "x")), "keys"))
                .hasMessage("keys[1].id: required, a non-empty string");
        assertThatThrownBy(() -> TrustedKeys.fromEntries(List.of(Map.of("id", "a", "kmsKeyId", "k", "secret", "x")), "keys"))
                .hasMessageStartingWith("keys[0].secret: unknown field");
        assertThatThrownBy(() -> TrustedKeys.fromEntries(List.of(Map.of("id", "a", "publicKey", "nope")), "keys"))
                .hasMessage("keys[0].publicKey: no '-----BEGIN PUBLIC KEY-----' block found");
        assertThatThrownBy(() -> TrustedKeys.fromEntries(List.of(Map.of("id", "a", "kmsKeyId", "k"), Map.of("id", "a", "kmsKeyId", "l")), "keys"))
                .hasMessage("trusted key id 'a' appears twice");
    }

    @Test
    void refusesWeakKeys_whenRsaIsShortOrCurveIsNotP256() {
        assertThatThrownBy(() -> PemKeys.publicKey(TestKeys.publicPem(TestKeys.rsa(1024)), "k"))
                .hasMessage("k: an RSA key of 1024 bits; at least 2048 are required");
        assertThatThrownBy(() -> PemKeys.publicKey(TestKeys.publicPem(TestKeys.ec("secp384r1")), "k"))
                .hasMessage("k: an EC key on a curve other than P-256 (secp256r1)");
        assertThatThrownBy(() -> PemKeys.privateKey(TestKeys.privatePem(TestKeys.rsa(1024)), "k"))
                .hasMessage("k: an RSA key of 1024 bits; at least 2048 are required");
    }

    @Test
    void readsPkcs8PrivateKeys_andExplainsOtherForms() {
        assertThat(PemKeys.privateKey(TestKeys.privatePem(EC), "k")).isEqualTo(EC.getPrivate());
        assertThatThrownBy(() -> PemKeys.privateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "k"))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> PemKeys.privateKey(TestKeys.publicPem(EC), "k"))
                .hasMessage("k: no '-----BEGIN PRIVATE KEY-----' block found");
    }
}
