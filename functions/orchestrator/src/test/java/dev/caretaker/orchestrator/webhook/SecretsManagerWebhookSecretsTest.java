package dev.caretaker.orchestrator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static dev.caretaker.orchestrator.testing.AwsWire.JSON_1_1;
import static dev.caretaker.orchestrator.testing.AwsWire.operation;
import static dev.caretaker.orchestrator.testing.AwsWire.recorded;
import static dev.caretaker.orchestrator.testing.AwsWire.requestedOperation;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.testing.MutableClock;
import dev.caretaker.testing.WireClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class SecretsManagerWebhookSecretsTest {

    private static final String TARGET = "secretsmanager.GetSecretValue";
    private static final String SECRET_ID = "caretaker/webhooks";

    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final SecretsManagerClient client = WireClients.against(SecretsManagerClient.builder(), WIRE.baseUrl());

    private final SecretsManagerWebhookSecrets secrets = new SecretsManagerWebhookSecrets(client, SECRET_ID);

    @AfterEach
    void disconnect() {
        client.close();
    }

    private void answer(int status, String resource) {
        WIRE.stubFor(operation(TARGET).willReturn(recorded(status, JSON_1_1, resource)));
    }

    @Test
    void readsOneSecret_whenSourceMapsToAString() {
        answer(200, "secretsmanager/GetSecretValue.json");

        assertThat(secrets.secretsFor("caretaker"))
                .isEqualTo(new SecretLookup.Found(List.of("caretaker-local-webhook-secret")));
        WIRE.verify(1, requestedOperation(TARGET)
                .withHeader("Content-Type", containing(JSON_1_1))
                .withHeader("Authorization", containing("/secretsmanager/aws4_request"))
                .withRequestBody(equalToJson("{\"SecretId\": \"caretaker/webhooks\"}")));
    }

    @Test
    void readsEverySecret_whenSourceMapsToAListDuringRotation() {
        answer(200, "secretsmanager/GetSecretValue.json");

        assertThat(secrets.secretsFor("github"))
                .isEqualTo(new SecretLookup.Found(List.of("github-old-secret", "github-new-secret")));
    }

    @Test
    void reportsUnknownSource_whenSecretHasNoEntryOrOnlyABlankOne() {
        answer(200, "secretsmanager/GetSecretValue.json");

        assertThat(secrets.secretsFor("gitlab")).isInstanceOf(SecretLookup.UnknownSource.class);
        assertThat(secrets.secretsFor("blank")).isInstanceOf(SecretLookup.UnknownSource.class);
    }

    @Test
    void reportsMisconfiguredWithoutQuotingIt_whenSecretStringIsNotAJsonObject() {
        answer(200, "secretsmanager/GetSecretValue-not-json.json");

        SecretLookup lookup = secrets.secretsFor("caretaker");

        assertThat(lookup).isInstanceOf(SecretLookup.Misconfigured.class);
        assertThat(((SecretLookup.Misconfigured) lookup).reason())
                .contains(SECRET_ID).doesNotContain("plain-text-secret-value");
    }

    @Test
    void reportsMisconfigured_whenSecretDoesNotExistOrAccessIsDenied() {
        answer(400, "secretsmanager/ResourceNotFoundException.json");
        assertThat(secrets.secretsFor("caretaker"))
                .isEqualTo(new SecretLookup.Misconfigured("secret caretaker/webhooks does not exist"));

        WIRE.resetAll();
        answer(400, "secretsmanager/AccessDeniedException.json");
        assertThat(secrets.secretsFor("caretaker")).isEqualTo(new SecretLookup.Misconfigured(
                "Secrets Manager GetSecretValue on caretaker/webhooks failed: AccessDeniedException"));
    }

    @Test
    void reportsUnavailable_whenThrottled() {
        answer(400, "secretsmanager/ThrottlingException.json");

        assertThat(secrets.secretsFor("caretaker")).isEqualTo(new SecretLookup.Unavailable(
                "Secrets Manager GetSecretValue on caretaker/webhooks failed: ThrottlingException"));
        WIRE.verify(1, requestedOperation(TARGET));
    }

    @Test
    void makesNoRequest_whenCachedLookupIsWithinTtl_andRefetches_whenTtlHasPassed() {
        answer(200, "secretsmanager/GetSecretValue.json");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T03:00:00Z"));
        CachingWebhookSecrets cached = new CachingWebhookSecrets(secrets, Duration.ofMinutes(5), clock);

        cached.secretsFor("caretaker");
        clock.advance(Duration.ofMinutes(4));
        cached.secretsFor("caretaker");
        WIRE.verify(1, requestedOperation(TARGET));

        clock.advance(Duration.ofMinutes(1));
        assertThat(cached.secretsFor("caretaker")).isInstanceOf(SecretLookup.Found.class);
        WIRE.verify(2, requestedOperation(TARGET).withHeader("X-Amz-Target", equalTo(TARGET)));
    }
}
