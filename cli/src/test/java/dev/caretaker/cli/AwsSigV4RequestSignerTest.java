package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsSigV4RequestSignerTest {

    static final String ACCESS_KEY = "AKIDCARETAKERTEST";
    static final String SECRET_KEY = "caretaker-test-secret-key";
    static final Clock CLOCK = Clock.fixed(CliRunner.NOW, ZoneOffset.UTC);

    private static final OutgoingRequest LIST = new OutgoingRequest("GET",
            URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/jobs?status=FAILED&limit=5"), Map.of(), null);

    @Test
    void addsExecuteApiAuthorization_whenSigningWithStaticCredentials() {
        AwsSigV4RequestSigner signer = new AwsSigV4RequestSigner(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)), "test", "eu-west-1", CLOCK);

        Map<String, List<String>> headers = signer.headersFor(LIST);

        assertThat(headers.get("Authorization")).singleElement().asString()
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20260314/eu-west-1/execute-api/aws4_request, ")
                .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date")
                .containsPattern("Signature=[0-9a-f]{64}$");
        assertThat(headers.get("X-Amz-Date")).containsExactly("20260314T092653Z");
        assertThat(headers.get("Host")).containsExactly("abc123.execute-api.eu-west-1.amazonaws.com");
        assertThat(headers.values().toString()).doesNotContain(SECRET_KEY);
    }

    @Test
    void signsTheSameRequestTheSameWay_whenClockAndCredentialsAreFixed() {
        AwsSigV4RequestSigner signer = new AwsSigV4RequestSigner(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)), "test", "eu-west-1", CLOCK);

        assertThat(signer.headersFor(LIST).get("Authorization")).isEqualTo(signer.headersFor(LIST).get("Authorization"));
    }

    @Test
    void addsSecurityToken_whenCredentialsAreTemporary() {
        AwsSigV4RequestSigner signer = new AwsSigV4RequestSigner(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, "session-token")), "test", "us-east-1", CLOCK);

        Map<String, List<String>> headers = signer.headersFor(LIST);

        assertThat(headers.get("X-Amz-Security-Token")).containsExactly("session-token");
        assertThat(headers.get("Authorization").getFirst()).contains("/us-east-1/execute-api/aws4_request")
                .contains("x-amz-security-token");
    }

    @Test
    void failsWithOneLineNamingTheSource_whenNoCredentialsResolve() {
        AwsSigV4RequestSigner signer = new AwsSigV4RequestSigner(() -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        }, "profile 'ops'", "eu-west-1", CLOCK);

        assertThatThrownBy(() -> signer.headersFor(LIST))
                .isInstanceOf(CliFailure.class)
                .hasMessageStartingWith("no AWS credentials from profile 'ops'")
                .hasCauseInstanceOf(SdkClientException.class);
    }
}
