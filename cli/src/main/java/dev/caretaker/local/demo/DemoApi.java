package dev.caretaker.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.local.LocalSystem;
import dev.caretaker.local.standin.Notification;
import dev.caretaker.orchestrator.webhook.SignatureVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The demo's hands on a running {@link LocalSystem}: its public surfaces only, as a vendor's pipeline
 * and an operator reach them: signed webhooks and the HTTP API, and the notifications sent.
 */
final class DemoApi {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);

    /** An HTTP answer: its status and its JSON body (a missing node when the body was not JSON). */
    record Answer(int status, JsonNode body) {
        String text() {
            return "HTTP " + status + " " + body;
        }
    }

    private final LocalSystem system;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();

    DemoApi(LocalSystem system, Clock clock) {
        this.system = system;
        this.clock = clock;
    }

    LocalSystem system() {
        return system;
    }

    /** A {@code release.published} webhook for a sandbox vendor release, signed with the source's secret. */
    Answer sendRelease(String stack, String version, String deliveryId) {
        String body = Json.write(Map.of("event", "release.published", "release", Map.of("stack", stack, "version", version,
                "manifest", system.releaseManifest(stack, version))));
        return send(HttpRequest.newBuilder(system.apiEndpoint().resolve("/webhooks/" + LocalSystem.WEBHOOK_SOURCE))
                .header("Content-Type", "application/json")
                .header("X-Caretaker-Delivery", deliveryId)
                .header("X-Caretaker-Signature", SignatureVerifier.caretakerHeader(clock.instant().getEpochSecond(),
                        body.getBytes(StandardCharsets.UTF_8), system.webhookSecret()))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer post(String path, Object body) {
        return send(HttpRequest.newBuilder(system.apiEndpoint().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    Optional<JsonNode> get(String pathAndQuery) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(system.apiEndpoint() + pathAndQuery)).GET());
        return answer.status() == 200 ? Optional.of(answer.body()) : Optional.empty();
    }

    /** Polls GET {@code pathAndQuery} until {@code done} holds or patience runs out; the last answer either way. */
    Optional<JsonNode> await(String pathAndQuery, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = clock.instant().plus(PATIENCE);
        Optional<JsonNode> seen = Optional.empty();
        while (clock.instant().isBefore(deadline)) {
            seen = get(pathAndQuery);
            if (seen.isPresent() && done.test(seen.get())) {
                return seen;
            }
            Thread.sleep(POLL.toMillis());
        }
        return seen;
    }

    /** The deployment record once it has one of {@code statuses}; otherwise the last record seen. */
    Optional<JsonNode> awaitDeployment(String id, String... statuses) throws InterruptedException {
        List<String> wanted = List.of(statuses);
        return await("/deployments/" + id, node -> wanted.contains(node.path("status").asText()));
    }

    boolean awaitNotification(Predicate<Notification> wanted) throws InterruptedException {
        Instant deadline = clock.instant().plus(PATIENCE);
        while (clock.instant().isBefore(deadline)) {
            if (system.notifications().stream().anyMatch(wanted)) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isBlank() ? Json.mapper().missingNode() : Json.read(response.body(), JsonNode.class);
            } catch (RuntimeException notJson) {
                body = Json.mapper().getNodeFactory().textNode(response.body());
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            return new Answer(0, Json.mapper().getNodeFactory().textNode("not delivered: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, Json.mapper().getNodeFactory().textNode("interrupted"));
        }
    }
}
