package dev.caretaker.orchestrator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import software.amazon.awssdk.services.ssm.SsmClient;

class SsmWebhookSecretsTest {

    private static final String TARGET = "AmazonSSM.GetParameter";

    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final SsmClient client = WireClients.against(SsmClient.builder(), WIRE.baseUrl());

    private final SsmWebhookSecrets secrets = new SsmWebhookSecrets(client, "/caretaker/webhooks");

    @AfterEach
    void disconnect() {
        client.close();
    }

    private void answer(int status, String resource) {
        WIRE.stubFor(operation(TARGET).willReturn(recorded(status, JSON_1_1, resource)));
    }

    @Test
    void readsDecryptedSecretsSplitOnCommasAndNewlines_whenParameterExists() {
        answer(200, "ssm/GetParameter.json");

        assertThat(secrets.secretsFor("github"))
                .isEqualTo(new SecretLookup.Found(List.of("github-old-secret", "github-new-secret")));
        WIRE.verify(1, requestedOperation(TARGET)
                .withHeader("Content-Type", containing(JSON_1_1))
                .withHeader("Authorization", containing("/ssm/aws4_request"))
                .withRequestBody(equalToJson("{\"Name\": \"/caretaker/webhooks/github\", \"WithDecryption\": true}")));
    }

    @Test
    void namesParameterUnderPrefix_whenPrefixHasATrailingSlashOrNot() {
        assertThat(new SsmWebhookSecrets(client, "/caretaker/webhooks/").parameterName("github"))
                .isEqualTo("/caretaker/webhooks/github");
        assertThat(secrets.parameterName("github")).isEqualTo("/caretaker/webhooks/github");
    }

    @Test
    void reportsUnknownSource_whenParameterDoesNotExist() {
        answer(400, "ssm/ParameterNotFound.json");

        assertThat(secrets.secretsFor("gitlab")).isInstanceOf(SecretLookup.UnknownSource.class);
    }

    @Test
    void reportsUnavailable_whenSsmFailsOnItsSide() {
        answer(500, "ssm/InternalServerError.json");

        assertThat(secrets.secretsFor("github")).isEqualTo(new SecretLookup.Unavailable(
                "SSM GetParameter on /caretaker/webhooks/github failed: InternalServerError"));
        WIRE.verify(1, requestedOperation(TARGET));
    }

    @Test
    void makesNoRequest_whenCachedLookupIsWithinTtl_andRefetches_whenTtlHasPassed() {
        answer(200, "ssm/GetParameter.json");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T03:00:00Z"));
        CachingWebhookSecrets cached = new CachingWebhookSecrets(secrets, CachingWebhookSecrets.DEFAULT_TTL, clock);

        cached.secretsFor("github");
        clock.advance(Duration.ofSeconds(299));
        cached.secretsFor("github");
        WIRE.verify(1, requestedOperation(TARGET));

        clock.advance(Duration.ofSeconds(1));
        cached.secretsFor("github");
        WIRE.verify(2, requestedOperation(TARGET));
    }
}
