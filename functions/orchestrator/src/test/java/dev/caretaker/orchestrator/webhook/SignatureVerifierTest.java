package dev.caretaker.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final byte[] BODY = "{\"event\":\"release.published\"}".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "current-secret";
    private static final String OLD_SECRET = "previous-secret";

    private final SignatureVerifier verifier = new SignatureVerifier(Clock.fixed(NOW, ZoneOffset.UTC));

    /** Computed independently of the class under test, so a bug in both cannot cancel out. */
    private static String hmacHex(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static String signed(long t, String secret) throws Exception {
        return "t=" + t + ",v1=" + hmacHex(secret, t + "." + new String(BODY, StandardCharsets.UTF_8));
    }

    @Test
    void acceptsSignature_whenItMatchesTheSecret() throws Exception {
        assertThat(verifier.verifyCaretaker(signed(T, SECRET), BODY, List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void acceptsSignature_whenOneOfSeveralV1ValuesMatchesDuringRotation() throws Exception {
        String payload = T + "." + new String(BODY, StandardCharsets.UTF_8);
        String header = "t=" + T + ",v1=" + hmacHex("unknown-secret", payload) + ", v1=" + hmacHex(SECRET, payload);

        assertThat(verifier.verifyCaretaker(header, BODY, List.of(SECRET))).isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void acceptsSignature_whenItMatchesTheSecondOfTwoCurrentSecrets() throws Exception {
        assertThat(verifier.verifyCaretaker(signed(T, OLD_SECRET), BODY, List.of(SECRET, OLD_SECRET)))
                .isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void acceptsUppercaseHex_whenSenderFormatsItThatWay() throws Exception {
        assertThat(verifier.verifyCaretaker(signed(T, SECRET).toUpperCase().replace("T=", "t=").replace("V1=", "v1="),
                BODY, List.of(SECRET))).isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void ignoresUnknownSchemes_whenAV1ValueIsPresent() throws Exception {
        assertThat(verifier.verifyCaretaker(signed(T, SECRET) + ",v0=abc", BODY, List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void reportsMismatch_whenSignedWithAnotherSecret() throws Exception {
        assertThat(verifier.verifyCaretaker(signed(T, "wrong-secret"), BODY, List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Mismatch.class);
    }

    @Test
    void reportsMismatch_whenBodyWasTampered() throws Exception {
        byte[] tampered = "{\"event\":\"release.published\" }".getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verifyCaretaker(signed(T, SECRET), tampered, List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Mismatch.class);
    }

    @Test
    void reportsMismatch_whenTimestampWasChangedAfterSigning() throws Exception {
        String header = signed(T, SECRET).replace("t=" + T, "t=" + (T + 1));

        assertThat(verifier.verifyCaretaker(header, BODY, List.of(SECRET))).isInstanceOf(SignatureCheck.Mismatch.class);
    }

    @Test
    void reportsStale_whenTimestampIsOlderThanTolerance() throws Exception {
        assertThat(verifier.verifyCaretaker(signed(T - 301, SECRET), BODY, List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Stale.class);
        assertThat(verifier.verifyCaretaker(signed(T - 300, SECRET), BODY, List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void reportsStale_whenTimestampIsFurtherInTheFutureThanTolerance() throws Exception {
        assertThat(verifier.verifyCaretaker(signed(T + 301, SECRET), BODY, List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Stale.class);
        assertThat(verifier.verifyCaretaker(signed(T + 300, SECRET), BODY, List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void reportsMissing_whenHeaderIsAbsentOrBlank() {
        assertThat(verifier.verifyCaretaker(null, BODY, List.of(SECRET))).isInstanceOf(SignatureCheck.Missing.class);
        assertThat(verifier.verifyCaretaker("  ", BODY, List.of(SECRET))).isInstanceOf(SignatureCheck.Missing.class);
    }

    @Test
    void reportsMalformed_whenHeaderDoesNotFollowTheFormat() throws Exception {
        String v1 = signed(T, SECRET).substring(signed(T, SECRET).indexOf("v1="));
        List<String> malformed = List.of(
                "sha256=" + "a".repeat(64),
                "t=" + T,
                v1,
                "t=abc," + v1,
                "t=" + T + ",t=" + T + "," + v1,
                "t=" + T + ",v1=zz" + "a".repeat(62),
                "t=" + T + ",v1=abcd",
                "t=" + T + "," + v1 + ",",
                "garbage");

        for (String header : malformed) {
            assertThat(verifier.verifyCaretaker(header, BODY, List.of(SECRET))).as(header)
                    .isInstanceOf(SignatureCheck.Malformed.class);
        }
    }

    @Test
    void reportsMalformed_whenHeaderCarriesMoreSignaturesThanARotationNeeds() throws Exception {
        String header = signed(T, SECRET) + (",v1=" + "a".repeat(64)).repeat(8);

        assertThat(verifier.verifyCaretaker(header, BODY, List.of(SECRET))).isInstanceOf(SignatureCheck.Malformed.class);
    }

    @Test
    void neverMatches_whenTheOnlySecretIsEmpty() throws Exception {
        assertThat(verifier.verifyCaretaker(signed(T, "x"), BODY, List.of(""))).isInstanceOf(SignatureCheck.Mismatch.class);
    }

    @Test
    void acceptsGitHubSignature_whenItMatches() throws Exception {
        String header = "sha256=" + hmacHex(SECRET, new String(BODY, StandardCharsets.UTF_8));

        assertThat(verifier.verifyGitHub(header, BODY, List.of(OLD_SECRET, SECRET))).isInstanceOf(SignatureCheck.Valid.class);
    }

    @Test
    void reportsGitHubMismatch_whenBodyWasTamperedOrSecretIsWrong() throws Exception {
        String header = "sha256=" + hmacHex(SECRET, new String(BODY, StandardCharsets.UTF_8));

        assertThat(verifier.verifyGitHub(header, "{}".getBytes(StandardCharsets.UTF_8), List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Mismatch.class);
        assertThat(verifier.verifyGitHub(header, BODY, List.of("wrong"))).isInstanceOf(SignatureCheck.Mismatch.class);
    }

    @Test
    void reportsGitHubMissingOrMalformed_whenHeaderIsAbsentOrNotSha256() {
        assertThat(verifier.verifyGitHub(null, BODY, List.of(SECRET))).isInstanceOf(SignatureCheck.Missing.class);
        assertThat(verifier.verifyGitHub("sha1=" + "a".repeat(40), BODY, List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Malformed.class);
        assertThat(verifier.verifyGitHub("sha256=abc", BODY, List.of(SECRET))).isInstanceOf(SignatureCheck.Malformed.class);
    }

    @Test
    void producesHeadersTheVerifierAccepts_whenSigningForTests() {
        assertThat(verifier.verifyCaretaker(SignatureVerifier.caretakerHeader(T, BODY, OLD_SECRET, SECRET), BODY,
                List.of(SECRET))).isInstanceOf(SignatureCheck.Valid.class);
        assertThat(verifier.verifyGitHub(SignatureVerifier.gitHubHeader(BODY, SECRET), BODY, List.of(SECRET)))
                .isInstanceOf(SignatureCheck.Valid.class);
    }
}
