package dev.caretaker.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.config.ConfigMetrics;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.config.ConfigSource;
import dev.caretaker.config.ConfigValidator;
import dev.caretaker.json.Json;
import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigEndpointTest {

    private static final String VALID = """
            schemaVersion: 2
            customer: {id: acme, account: "123456789012", region: eu-central-1}
            environment: prod
            """;

    private final List<ConfigSource.StoredConfig> stored = new ArrayList<>(List.of(new ConfigSource.StoredConfig("1", VALID)));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final ConfigSource source = new ConfigSource() {
        @Override
        public StoredConfig fetch() {
            return stored.getLast();
        }

        @Override
        public String describe() {
            return "ssm:/caretaker/acme/prod/config";
        }
    };
    private final ConfigProvider provider = new ConfigProvider(source, Duration.ZERO, clock, new ConfigValidator(),
            ConfigMetrics.NONE, notification -> { });
    private final ConfigEndpoint endpoint = new ConfigEndpoint(Optional.of(provider));

    @Test
    void reportsVersionInForce_andItsSource() {
        HttpResponse response = endpoint.get();

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.read(response.body(), JsonNode.class);
        assertThat(body.path("version").asText()).isEqualTo("1");
        assertThat(body.path("source").asText()).isEqualTo("ssm:/caretaker/acme/prod/config");
        assertThat(body.path("environment").asText()).isEqualTo("prod");
        assertThat(body.path("loadedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(body.has("rejected")).isFalse();
    }

    @Test
    void keepsVersionInForce_andNamesTheRejectedOneWithItsProblems() {
        endpoint.get();
        stored.add(new ConfigSource.StoredConfig("2", VALID.replace("environment: prod", "environment: Prod")));

        JsonNode body = Json.read(endpoint.get().body(), JsonNode.class);

        assertThat(body.path("version").asText()).isEqualTo("1");
        assertThat(body.path("rejected").path("version").asText()).isEqualTo("2");
        assertThat(body.path("rejected").path("problems").get(0).asText())
                .startsWith("ssm:/caretaker/acme/prod/config:3:14: environment: 'Prod' is not");
    }

    @Test
    void answers503WithTheReason_whenNoValidVersionWasEverLoaded() {
        stored.set(0, new ConfigSource.StoredConfig("1", "schemaVersion: 2\n"));

        HttpResponse response = endpoint.get();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("version 1 is invalid");
    }

    @Test
    void answers404_whenTheFunctionHasNoConfigurationSource() {
        assertThat(ConfigEndpoint.none().get().statusCode()).isEqualTo(404);
    }
}
