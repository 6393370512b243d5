package dev.caretaker.deployment.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.caretaker.json.Json;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** KMS Verify against recorded responses (AWS JSON 1.1, X-Amz-Target: TrentService.Verify). */
class KmsManagedKeyVerifierTest {

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final byte[] DIGEST = Sha256.digest("manifest".getBytes());
    private static final byte[] SIGNATURE = {0x30, 0x45, 0x02, 0x21, 0x00};

    private KmsClient client;
    private KmsManagedKeyVerifier verifier;

    @BeforeEach
    void connect() {
        client = WireClients.against(KmsClient.builder(), AWS.baseUrl());
        verifier = new KmsManagedKeyVerifier(client);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static void verifyAnswers(int status, String body) {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Verify"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
    }

    @Test
    void sendsDigestWithAlgorithmAndAnswersValid_whenKmsSaysValid() throws Exception {
        verifyAnswers(200, WireFixtures.load("kms/Verify.json", Map.of("algorithm", "ECDSA_SHA_256")));

        boolean valid = verifier.verify("alias/vendor-release-signing", SignatureAlgorithm.ECDSA_SHA_256, DIGEST, SIGNATURE);

        assertThat(valid).isTrue();
        LoggedRequest request = AWS.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-amz-json-1.1");
        JsonNode sent = Json.mapper().readTree(request.getBodyAsString());
        assertThat(sent.get("KeyId").asText()).isEqualTo("alias/vendor-release-signing");
        assertThat(sent.get("MessageType").asText()).isEqualTo("DIGEST");
        assertThat(sent.get("SigningAlgorithm").asText()).isEqualTo("ECDSA_SHA_256");
        assertThat(Base64.getDecoder().decode(sent.get("Message").asText())).isEqualTo(DIGEST);
        assertThat(Base64.getDecoder().decode(sent.get("Signature").asText())).isEqualTo(SIGNATURE);
    }

    @Test
    void passesRsaAlgorithmNamesThrough_whenSignedWithPss() throws Exception {
        verifyAnswers(200, WireFixtures.load("kms/Verify.json", Map.of("algorithm", "RSASSA_PSS_SHA_256")));

        assertThat(verifier.verify("k", SignatureAlgorithm.RSASSA_PSS_SHA_256, DIGEST, SIGNATURE)).isTrue();
        JsonNode sent = Json.mapper().readTree(AWS.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getBodyAsString());
        assertThat(sent.get("SigningAlgorithm").asText()).isEqualTo("RSASSA_PSS_SHA_256");
    }

    @Test
    void answersInvalid_whenKmsRejectsTheSignature() {
        verifyAnswers(400, WireFixtures.load("kms/Verify-invalid.json"));

        assertThat(verifier.verify("k", SignatureAlgorithm.ECDSA_SHA_256, DIGEST, SIGNATURE)).isFalse();
        AWS.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void throws_whenTheKeyCannotBeUsed() {
        verifyAnswers(400, WireFixtures.load("kms/Error.json", Map.of("type", "NotFoundException",
                "message", "Alias arn:aws:kms:eu-west-1:111122223333:alias/vendor-release-signing is not found.")));

        assertThatThrownBy(() -> verifier.verify("alias/vendor-release-signing", SignatureAlgorithm.ECDSA_SHA_256, DIGEST, SIGNATURE))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("is not found");
    }
}
