package dev.caretaker.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.json.Json;
import dev.caretaker.notify.Notification;
import dev.caretaker.testing.MutableClock;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The SSM adapter and the provider over it, with the real SDK client against recorded SSM responses. */
class SsmConfigSourceTest {

    private static final String TARGET = "AmazonSSM.GetParameter";
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String PARAMETER = "/caretaker/acme/prod/config";

    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final SsmClient client = WireClients.against(SsmClient.builder(), WIRE.baseUrl());
    private final SsmConfigSource source = new SsmConfigSource(client, PARAMETER);

    @AfterEach
    void disconnect() {
        client.close();
    }

    private void storeVersion(int version, String yaml) {
        String value = Json.write(yaml);
        String body = WireFixtures.load("ssm/GetParameter-config.json",
                Map.of("value", value.substring(1, value.length() - 1), "version", String.valueOf(version)));
        WIRE.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_1_1).withBody(body)));
    }

    private void answerError(int status, String resource) {
        WIRE.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", JSON_1_1).withBody(WireFixtures.load(resource))));
    }

    @Test
    void readsDecryptedParameter_withItsVersionAsTheConfigurationVersion() {
        storeVersion(7, ConfigProviderTest.VALID);

        ConfigSource.StoredConfig stored = source.fetch();

        assertThat(stored).isEqualTo(new ConfigSource.StoredConfig("7", ConfigProviderTest.VALID));
        WIRE.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withHeader("Authorization", containing("/ssm/aws4_request"))
                .withRequestBody(equalToJson("{\"Name\": \"" + PARAMETER + "\", \"WithDecryption\": true}")));
        assertThat(source.describe()).isEqualTo("ssm:" + PARAMETER);
    }

    @Test
    void failsWithTheParameterName_whenParameterDoesNotExist() {
        answerError(400, "ssm/ParameterNotFound.json");

        assertThatThrownBy(source::fetch).isInstanceOf(ConfigSource.ConfigSourceException.class)
                .hasMessageStartingWith("SSM GetParameter on " + PARAMETER + " failed:")
                .hasMessageContaining("ParameterNotFound");
    }

    @Test
    void providerKeepsVersionInForce_whenSsmPublishesAnInvalidOne_andWhenSsmThrottles() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        ConfigProviderTest.RecordingMetrics metrics = new ConfigProviderTest.RecordingMetrics();
        List<Notification> notifications = new ArrayList<>();
        ConfigProvider provider = new ConfigProvider(source, Duration.ofMinutes(1), clock, new ConfigValidator(), metrics, notifications::add);
        storeVersion(3, ConfigProviderTest.VALID);
        assertThat(provider.active().version()).isEqualTo("3");

        storeVersion(4, ConfigProviderTest.INVALID);
        clock.advance(Duration.ofMinutes(1));
        assertThat(provider.active().version()).isEqualTo("3");

        answerError(400, "ssm/ThrottlingException.json");
        clock.advance(Duration.ofMinutes(1));
        assertThat(provider.active().version()).isEqualTo("3");

        assertThat(metrics.recorded).containsExactly("accepted", "rejected:2", "unreadable");
        assertThat(notifications).singleElement().extracting(Notification::subject).isEqualTo("Configuration version 4 rejected");
        WIRE.verify(3, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)));
    }
}
