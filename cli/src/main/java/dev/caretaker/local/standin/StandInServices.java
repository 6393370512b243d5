package dev.caretaker.local.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.caretaker.json.Json;
import dev.caretaker.local.FormFields;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The calls the functions make to services that have no local engine: SNS {@code Publish}
 * (query protocol; each notification is recorded, so the demo can show what would have been sent),
 * Secrets Manager {@code GetSecretValue} (JSON 1.1; the one webhook secret, a JSON object
 * source → secret) and SSM {@code GetParameter}/{@code PutParameter} (JSON 1.1; the configuration
 * parameter, versioned like SSM's: each overwrite is the next version). Anything else is refused
 * by name, so a new call shows up at once.
 */
public final class StandInServices implements AutoCloseable {

    private final String secretId;
    private final String secretString;
    private final Clock clock;
    private final Consumer<Notification> onNotification;
    private final List<Notification> notifications = new ArrayList<>();
    private final Map<String, StoredParameter> parameters = new HashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;

    private StandInServices(HttpServer server, String secretId, Map<String, String> webhookSecrets, Clock clock,
                            Consumer<Notification> onNotification) {
        this.server = server;
        this.secretId = Objects.requireNonNull(secretId, "secretId");
        this.secretString = Json.write(webhookSecrets);
        this.clock = clock;
        this.onNotification = onNotification;
    }

    /**
     * Starts on a free loopback port.
     *
     * @param secretId       the id the orchestrator asks for (its WEBHOOK_SECRET_ID)
     * @param webhookSecrets source → secret, the secret's value
     */
    public static StandInServices start(String secretId, Map<String, String> webhookSecrets, Clock clock,
                                        Consumer<Notification> onNotification) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the stand-in services cannot listen on loopback: " + e.getMessage(), e);
        }
        StandInServices services = new StandInServices(http, secretId, webhookSecrets, clock, onNotification);
        http.setExecutor(services.threads);
        http.createContext("/", services::handle);
        http.start();
        return services;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every notification published so far, oldest first. */
    public synchronized List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    /** Stores a parameter as PutParameter with Overwrite would; returns its new version. */
    public synchronized long putParameter(String name, String value) {
        StoredParameter previous = parameters.get(name);
        StoredParameter stored = new StoredParameter(value, previous == null ? 1 : previous.version() + 1, clock.instant());
        parameters.put(name, stored);
        return stored.version();
    }

    private record StoredParameter(String value, long version, Instant modified) {
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null && target.startsWith("AmazonSSM.")) {
                ssm(exchange, target, body);
            } else if (target != null) {
                secretsManager(exchange, target, body);
            } else {
                sns(exchange, FormFields.parse(body));
            }
        }
    }

    private void secretsManager(HttpExchange exchange, String target, String body) throws IOException {
        if (!target.equals("secretsmanager.GetSecretValue")) {
            respond(exchange, 400, "application/x-amz-json-1.1", error("UnknownOperationException",
                    "the local stand-in implements secretsmanager.GetSecretValue only, not " + target));
            return;
        }
        JsonNode request = Json.read(body.isEmpty() ? "{}" : body, JsonNode.class);
        String asked = request.path("SecretId").asText();
        if (!asked.equals(secretId)) {
            respond(exchange, 400, "application/x-amz-json-1.1", error("ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret: " + asked));
            return;
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("ARN", secretId).put("Name", secretId).put("SecretString", secretString)
                .put("VersionId", "local").put("CreatedDate", clock.instant().getEpochSecond());
        answer.putArray("VersionStages").add("AWSCURRENT");
        respond(exchange, 200, "application/x-amz-json-1.1", Json.write(answer));
    }

    private void ssm(HttpExchange exchange, String target, String body) throws IOException {
        JsonNode request = Json.read(body.isEmpty() ? "{}" : body, JsonNode.class);
        String name = request.path("Name").asText();
        switch (target) {
            case "AmazonSSM.GetParameter" -> {
                StoredParameter stored;
                synchronized (this) {
                    stored = parameters.get(name);
                }
                if (stored == null) {
                    respond(exchange, 400, "application/x-amz-json-1.1", error("ParameterNotFound", "parameter " + name + " not found"));
                    return;
                }
                ObjectNode answer = Json.mapper().createObjectNode();
                answer.putObject("Parameter").put("Name", name).put("Type", "SecureString").put("Value", stored.value())
                        .put("Version", stored.version()).put("LastModifiedDate", stored.modified().getEpochSecond())
                        .put("DataType", "text");
                respond(exchange, 200, "application/x-amz-json-1.1", Json.write(answer));
            }
            case "AmazonSSM.PutParameter" -> {
                boolean exists;
                synchronized (this) {
                    exists = parameters.containsKey(name);
                }
                if (exists && !request.path("Overwrite").asBoolean(false)) {
                    respond(exchange, 400, "application/x-amz-json-1.1", error("ParameterAlreadyExists",
                            "parameter " + name + " exists; set Overwrite to replace it"));
                    return;
                }
                long version = putParameter(name, request.path("Value").asText());
                respond(exchange, 200, "application/x-amz-json-1.1", Json.write(Map.of("Version", version, "Tier", "Standard")));
            }
            default -> respond(exchange, 400, "application/x-amz-json-1.1", error("UnknownOperationException",
                    "the local stand-in implements AmazonSSM.GetParameter and PutParameter only, not " + target));
        }
    }

    private void sns(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        String action = parameters.getOrDefault("Action", "");
        if (!action.equals("Publish")) {
            respond(exchange, 400, "text/xml", "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
                    + "<Type>Sender</Type><Code>InvalidAction</Code><Message>the local stand-in implements SNS Publish only, not "
                    + xmlEscape(action) + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
            return;
        }
        Notification notification = new Notification(UUID.randomUUID().toString(), parameters.getOrDefault("TopicArn", ""),
                parameters.getOrDefault("Subject", ""), parameters.getOrDefault("Message", ""), clock.instant());
        synchronized (this) {
            notifications.add(notification);
        }
        onNotification.accept(notification);
        respond(exchange, 200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                + "<MessageId>" + notification.messageId() + "</MessageId></PublishResult><ResponseMetadata><RequestId>"
                + UUID.randomUUID() + "</RequestId></ResponseMetadata></PublishResponse>");
    }

    private static String error(String type, String message) {
        return Json.write(Map.of("__type", type, "message", message));
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
