package dev.caretaker.orchestrator.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.webhook.SignatureVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The API Gateway events in the repository's events/ folder: the same files {@code sam local invoke -e}
 * takes, so tests and local runs exercise identical requests. The webhook fixtures are signed with
 * the local secrets below at {@link #SIGNED_AT}.
 */
public final class EventFixtures {

    public static final long SIGNED_AT = 1_795_230_000L; // 2026-11-21T03:00:00Z
    public static final String CARETAKER_SECRET = "caretaker-local-webhook-secret";
    public static final String GITHUB_SECRET = "github-local-webhook-secret";

    private EventFixtures() {
    }

    public static ObjectNode load(String name) {
        Path file = eventsDirectory().resolve(name);
        try {
            return (ObjectNode) Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
    }

    /** Replaces the body and signs it again, as a sender holding {@code secrets} would at {@code unixSeconds}. */
    public static ObjectNode withCaretakerBody(ObjectNode event, String body, long unixSeconds, String... secrets) {
        event.put("body", body);
        headers(event).put("x-caretaker-signature",
                SignatureVerifier.caretakerHeader(unixSeconds, body.getBytes(StandardCharsets.UTF_8), secrets));
        return event;
    }

    public static ObjectNode headers(ObjectNode event) {
        return (ObjectNode) event.path("headers");
    }

    private static Path eventsDirectory() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("events")) && Files.exists(dir.resolve("events/webhook-release.json"))) {
                return dir.resolve("events");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no events/ folder above " + System.getProperty("user.dir"));
    }
}
