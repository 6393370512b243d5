package dev.caretaker.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.caretaker.json.Json;
import dev.caretaker.local.LocalAccount;
import dev.caretaker.local.resources.LocalResource;
import dev.caretaker.local.resources.LocalResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * An in-process stand-in for EventBridge that the real {@code EventBridgeClient} reaches through
 * an endpoint override: PutEvents over AWS JSON 1.1 on 127.0.0.1. Each accepted event is matched
 * against the template's rules and handed to the targets registered for them, asynchronously and
 * one at a time, as Lambda's asynchronous invocation would; every event and what became of it is
 * kept for the demo report.
 *
 * <p>Only PutEvents is implemented; any other operation is answered with an error naming it.
 */
public final class LocalEventBus implements AutoCloseable {

    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String DEFAULT_BUS = "default";
    private static final int MAX_ENTRIES = 10;
    private static final int MAX_LOGGED_EVENTS = 10_000;

    private final List<EventRule> rules;
    private final Map<String, String> busLogicalIdByNameOrArn = new HashMap<>();
    private final Map<String, String> busNameByLogicalId = new HashMap<>();
    private final Set<String> ruleTargets = new LinkedHashSet<>();
    private final LocalAccount account;
    private final Clock clock;
    private final Map<String, EventTarget> targets = new ConcurrentHashMap<>();
    private final Map<String, LoggedEvent> log = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        // A long local session with a large time scale publishes without end: keep the recent ones.
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoggedEvent> eldest) {
            return size() > MAX_LOGGED_EVENTS;
        }
    };
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(daemon("caretaker-event-delivery"));
    private final ExecutorService requests = Executors.newFixedThreadPool(2, daemon("caretaker-event-bus"));
    private final Object pendingLock = new Object();
    private int pending;
    private HttpServer server;

    /**
     * @param rules routing, usually {@link EventRules#fromTemplate}
     * @param buses the template's event buses as created locally; the account's default bus is always there
     */
    public LocalEventBus(List<EventRule> rules, Collection<LocalResource> buses, LocalAccount account, Clock clock) {
        this.rules = List.copyOf(rules);
        this.account = Objects.requireNonNull(account, "account");
        this.clock = Objects.requireNonNull(clock, "clock");
        busLogicalIdByNameOrArn.put(DEFAULT_BUS, DEFAULT_BUS);
        busLogicalIdByNameOrArn.put(account.arn("events", "event-bus/" + DEFAULT_BUS), DEFAULT_BUS);
        busNameByLogicalId.put(DEFAULT_BUS, DEFAULT_BUS);
        for (LocalResource bus : buses) {
            busLogicalIdByNameOrArn.put(bus.physicalName(), bus.logicalId());
            busLogicalIdByNameOrArn.put(bus.arn(), bus.logicalId());
            busNameByLogicalId.put(bus.logicalId(), bus.physicalName());
        }
        for (EventRule rule : this.rules) {
            String bus = rule.busLogicalId().orElse(DEFAULT_BUS);
            if (!busNameByLogicalId.containsKey(bus)) {
                throw new IllegalArgumentException("rule " + rule.name() + " is on bus " + bus + ", which is not among the buses "
                        + busNameByLogicalId.keySet());
            }
            ruleTargets.addAll(rule.targetLogicalIds());
        }
    }

    /** The template's rules on the template's buses as created in {@code resources}. */
    public static LocalEventBus forTemplate(LocalResources resources, Clock clock) {
        List<LocalResource> buses = resources.resources().values().stream()
                .filter(resource -> resource.type().equals("AWS::Events::EventBus")).toList();
        return new LocalEventBus(EventRules.fromTemplate(resources.template()), buses, resources.parameters().account(), clock);
    }

    /** Starts answering on a free loopback port; returns this bus. */
    public synchronized LocalEventBus start() {
        if (server != null) {
            throw new IllegalStateException("the local event bus is already running at " + endpoint());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the local event bus cannot listen on loopback: " + e.getMessage(), e);
        }
        server.setExecutor(requests);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Where the EventBridge client's endpoint override points. */
    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("the local event bus is not running; start() it first");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Makes {@code target} receive the events of every rule that names {@code logicalId}.
     *
     * @throws IllegalArgumentException if no rule targets {@code logicalId}
     */
    public void register(String logicalId, EventTarget target) {
        if (!ruleTargets.contains(logicalId)) {
            throw new IllegalArgumentException("no rule of the template targets " + logicalId + "; targets: " + ruleTargets);
        }
        targets.put(logicalId, Objects.requireNonNull(target, "target"));
    }

    /** The events accepted so far (the latest 10,000), oldest first, with what became of their deliveries. */
    public List<BusEvent> events() {
        synchronized (log) {
            return log.values().stream().map(LoggedEvent::snapshot).toList();
        }
    }

    /**
     * Waits until every accepted event has been handed to its targets.
     *
     * @return false if deliveries were still running after {@code timeout}
     */
    public boolean awaitDeliveries(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pendingLock) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(pendingLock, left);
            }
            return true;
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        requests.shutdownNow();
        deliveries.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null) {
                respond(exchange, 400, error("UnknownOperationException", "the local event bus answers AWS JSON 1.1 POSTs with an"
                        + " X-Amz-Target header"));
                return;
            }
            if (!target.equals("AWSEvents.PutEvents")) {
                respond(exchange, 400, error("UnknownOperationException", "the local event bus implements PutEvents only, not "
                        + target.substring(target.indexOf('.') + 1)));
                return;
            }
            JsonNode request;
            try (InputStream body = exchange.getRequestBody()) {
                request = Json.mapper().readTree(body);
            } catch (IOException e) {
                respond(exchange, 400, error("SerializationException", "the request body is not JSON"));
                return;
            }
            JsonNode entries = request == null ? null : request.get("Entries");
            if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
                respond(exchange, 400, error("ValidationException", "PutEvents takes 1 to " + MAX_ENTRIES + " Entries"));
                return;
            }
            respond(exchange, 200, putEvents(entries));
        }
    }

    private ObjectNode putEvents(JsonNode entries) {
        ObjectNode response = Json.mapper().createObjectNode();
        ArrayNode results = response.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : entries) {
            ObjectNode result = results.addObject();
            Optional<String> problem = accept(entry, result);
            if (problem.isPresent()) {
                failed++;
            }
        }
        response.put("FailedEntryCount", failed);
        return response;
    }

    /** Accepts one entry, filling its result; returns the problem if it was refused. */
    private Optional<String> accept(JsonNode entry, ObjectNode result) {
        String busNameOrArn = text(entry, "EventBusName").orElse(DEFAULT_BUS);
        String busLogicalId = busLogicalIdByNameOrArn.get(busNameOrArn);
        if (busLogicalId == null) {
            return refuse(result, "ResourceNotFoundException", "Event bus " + busNameOrArn + " does not exist.");
        }
        Optional<String> source = text(entry, "Source");
        Optional<String> detailType = text(entry, "DetailType");
        Optional<String> detailText = text(entry, "Detail");
        if (source.isEmpty() || detailType.isEmpty() || detailText.isEmpty()) {
            return refuse(result, "InvalidArgument", "Parameters Source, DetailType and Detail are required.");
        }
        JsonNode detail;
        try {
            detail = Json.mapper().readTree(detailText.get());
        } catch (IOException e) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            return refuse(result, "MalformedDetail", "Detail is malformed.");
        }
        String id = UUID.randomUUID().toString();
        Instant time = entry.hasNonNull("Time") ? epochSeconds(entry.get("Time")) : clock.instant();
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", id);
        envelope.put("detail-type", detailType.get());
        envelope.put("source", source.get());
        envelope.put("account", account.accountId());
        envelope.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        envelope.put("region", account.region());
        ArrayNode resources = envelope.putArray("resources");
        if (entry.get("Resources") instanceof ArrayNode given) {
            resources.addAll(given);
        }
        envelope.set("detail", detail);
        route(new LoggedEvent(id, busNameByLogicalId.get(busLogicalId), source.get(), detailType.get(), detailText.get(), time),
                busLogicalId, envelope);
        result.put("EventId", id);
        return Optional.empty();
    }

    private void route(LoggedEvent event, String busLogicalId, ObjectNode envelope) {
        String json = Json.write(envelope);
        List<Runnable> work = new ArrayList<>();
        for (EventRule rule : rules) {
            if (!rule.busLogicalId().orElse(DEFAULT_BUS).equals(busLogicalId) || !rule.pattern().matches(envelope)) {
                continue;
            }
            for (String target : rule.targetLogicalIds()) {
                int index = event.add(new Delivery.Pending(rule.name(), target));
                work.add(() -> event.set(index, deliver(rule.name(), target, json)));
            }
        }
        synchronized (log) {
            log.put(event.id, event);
        }
        for (Runnable delivery : work) {
            synchronized (pendingLock) {
                pending++;
            }
            deliveries.execute(() -> {
                try {
                    delivery.run();
                } finally {
                    synchronized (pendingLock) {
                        pending--;
                        pendingLock.notifyAll();
                    }
                }
            });
        }
    }

    private Delivery deliver(String rule, String targetId, String json) {
        EventTarget target = targets.get(targetId);
        if (target == null) {
            return new Delivery.NoTarget(rule, targetId);
        }
        try {
            target.deliver(json);
            return new Delivery.Delivered(rule, targetId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery.Failed(rule, targetId, "interrupted");
        } catch (Exception e) {
            return new Delivery.Failed(rule, targetId, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Optional<String> refuse(ObjectNode result, String code, String message) {
        result.put("ErrorCode", code);
        result.put("ErrorMessage", message);
        return Optional.of(code);
    }

    private static Optional<String> text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || !value.isTextual() || value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
    }

    /** The SDK sends timestamps in JSON 1.1 as epoch seconds, with a fraction. */
    private static Instant epochSeconds(JsonNode value) {
        BigDecimal seconds = value.decimalValue();
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("__type", type);
        error.put("message", message);
        return error;
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", JSON_1_1);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** An accepted event whose deliveries fill in as they run. */
    private static final class LoggedEvent {
        private final String id;
        private final String busName;
        private final String source;
        private final String detailType;
        private final String detail;
        private final Instant time;
        private final List<Delivery> deliveries = new ArrayList<>();

        LoggedEvent(String id, String busName, String source, String detailType, String detail, Instant time) {
            this.id = id;
            this.busName = busName;
            this.source = source;
            this.detailType = detailType;
            this.detail = detail;
            this.time = time;
        }

        synchronized int add(Delivery delivery) {
            deliveries.add(delivery);
            return deliveries.size() - 1;
        }

        synchronized void set(int index, Delivery delivery) {
            deliveries.set(index, delivery);
        }

        synchronized BusEvent snapshot() {
            return new BusEvent(id, busName, source, detailType, detail, time, deliveries);
        }
    }
}
