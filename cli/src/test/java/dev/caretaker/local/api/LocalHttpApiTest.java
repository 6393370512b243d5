package dev.caretaker.local.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.template.Template;
import dev.caretaker.testing.RepoRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalHttpApiTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC);

    private final AtomicReference<JsonNode> lastEvent = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalHttpApi api;

    /** Echoes what it was given and answers with a fixed API Gateway response. */
    private final Function<byte[], byte[]> orchestrator = event -> {
        try {
            lastEvent.set(Json.mapper().readTree(event));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "{\"statusCode\":202,\"headers\":{\"content-type\":\"application/json\",\"x-test\":\"yes\"},\"body\":\"{\\\"jobId\\\":\\\"deploy-1\\\"}\",\"isBase64Encoded\":false}"
                .getBytes(StandardCharsets.UTF_8);
    };

    @BeforeEach
    void start() throws IOException {
        List<HttpRoute> routes = HttpRoutes.from(Template.load(RepoRoot.find().resolve("template.yaml")));
        api = LocalHttpApi.start(0, routes, Map.of("OrchestratorFunction", orchestrator), CLOCK);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void readsTheTemplatesRoutes_whenLoadingTemplate() throws IOException {
        List<HttpRoute> routes = HttpRoutes.from(Template.load(RepoRoot.find().resolve("template.yaml")));

        assertThat(routes).extracting(HttpRoute::routeKey)
                .containsExactlyInAnyOrder("POST /webhooks/{source}", "GET /jobs/{id}", "GET /jobs", "POST /drift/checks",
                        "GET /config", "POST /deployments", "GET /deployments", "GET /deployments/{id}",
                        "POST /deployments/{id}/approval", "POST /deployments/{id}/cancel");
        assertThat(routes).extracting(HttpRoute::functionLogicalId).containsOnly("OrchestratorFunction");
    }

    @Test
    void buildsPayloadV2EventAndReturnsFunctionsResponse_whenRouteMatches() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.endpoint().resolve("/webhooks/vendor?x=1&x=2"))
                .header("Content-Type", "application/json")
                .header("X-Caretaker-Delivery", "d-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"release.published\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("x-test")).contains("yes");
        assertThat(response.body()).isEqualTo("{\"jobId\":\"deploy-1\"}");
        JsonNode event = lastEvent.get();
        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("POST /webhooks/{source}");
        assertThat(event.at("/pathParameters/source").asText()).isEqualTo("vendor");
        assertThat(event.at("/queryStringParameters/x").asText()).isEqualTo("1,2");
        assertThat(event.at("/headers/x-caretaker-delivery").asText()).isEqualTo("d-1");
        assertThat(event.at("/requestContext/http/method").asText()).isEqualTo("POST");
        assertThat(event.at("/requestContext/timeEpoch").asLong()).isEqualTo(CLOCK.millis());
        assertThat(event.get("body").asText()).isEqualTo("{\"event\":\"release.published\"}");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void encodesBodyAsBase64_whenContentTypeIsNotText() throws Exception {
        http.send(HttpRequest.newBuilder(api.endpoint().resolve("/webhooks/vendor"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(lastEvent.get().get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(lastEvent.get().get("body").asText()).isEqualTo("AQID");
    }

    @Test
    void answersNotFoundWithoutInvoking_whenNoRouteMatches() throws Exception {
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(api.endpoint().resolve("/webhooks/vendor")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownPath = http.send(HttpRequest.newBuilder(api.endpoint().resolve("/jobs/a/b")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(wrongMethod.statusCode()).isEqualTo(404);
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(lastEvent.get()).isNull();
    }

    @Test
    void namesThePort_whenItIsTaken() {
        int taken = api.endpoint().getPort();

        assertThatThrownBy(() -> LocalHttpApi.start(taken, List.of(), Map.of(), CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port " + taken + " on 127.0.0.1 is already in use");
    }

    @Test
    void stopsListening_whenClosed() {
        URI endpoint = api.endpoint();
        api.close();

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(endpoint.resolve("/jobs")).GET().build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        api = LocalHttpApi.start(0, List.of(), Map.of(), CLOCK);
    }

    @Test
    void refusesToStart_whenRouteTargetsFunctionNotRunning() throws IOException {
        List<HttpRoute> routes = HttpRoutes.from(Template.load(RepoRoot.find().resolve("template.yaml")));

        assertThatThrownBy(() -> LocalHttpApi.start(0, routes, Map.of(), CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targets OrchestratorFunction, which is not running locally");
    }
}
