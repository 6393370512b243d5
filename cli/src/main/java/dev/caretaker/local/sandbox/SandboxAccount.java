package dev.caretaker.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.caretaker.json.Json;
import dev.caretaker.local.FormFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * THE SANDBOX: a clearly labelled, in-process stand-in for the AWS APIs no local engine
 * implements — CloudFormation (drift detection and stack status), Cost Explorer (GetCostAndUsage)
 * and STS (GetCallerIdentity) — answering the real SDK clients through an endpoint override, on
 * 127.0.0.1. What it answers is scripted by a {@link SandboxScenario}, never fetched from AWS.
 *
 * <p>Every response carries {@code x-caretaker-sandbox: true}; the account is 000000000000; sandbox
 * stacks describe themselves as such. Requests are dispatched on {@code X-Amz-Target} (JSON 1.1)
 * or on the form's {@code Action} and {@code Version} (query protocol); anything else gets an error
 * naming the operation the sandbox does not implement.
 */
public final class SandboxAccount implements AutoCloseable {

    public static final String ACCOUNT_ID = "000000000000";
    /** On every response, so no one mistakes an answer from the sandbox for one from AWS. */
    public static final String HEADER = "x-caretaker-sandbox";

    private static final String CLOUDFORMATION_VERSION = "2010-05-15";
    private static final String STS_VERSION = "2011-06-15";

    private final CloudFormationSandbox cloudFormation;
    private final CostExplorerSandbox costExplorer;
    private final StsSandbox sts;
    private final List<InjectedFailure> failures;
    private final int[] failuresLeft;
    private final SandboxRateLimit cloudFormationRate;
    private int throttled;
    private final List<SandboxCall> calls = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "caretaker-sandbox");
        thread.setDaemon(true);
        return thread;
    });
    private HttpServer server;

    public SandboxAccount(SandboxScenario scenario, String region, Clock clock) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(clock, "clock");
        this.cloudFormation = new CloudFormationSandbox(scenario, ACCOUNT_ID, region, clock);
        this.costExplorer = new CostExplorerSandbox(scenario, clock);
        this.sts = new StsSandbox(ACCOUNT_ID);
        this.failures = scenario.failures();
        this.failuresLeft = failures.stream().mapToInt(InjectedFailure::times).toArray();
        this.cloudFormationRate = new SandboxRateLimit(scenario.cloudFormationCallsPerSecond());
    }

    /** Starts answering on a free loopback port; returns this account. */
    public synchronized SandboxAccount start() {
        if (server != null) {
            throw new IllegalStateException("the sandbox is already running at " + endpoint());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the sandbox cannot listen on loopback: " + e.getMessage(), e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Where the CloudFormation, Cost Explorer and STS clients' endpoint overrides point. */
    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("the sandbox is not running; start() it first");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request answered so far, in order: what the demo report counts (Cost Explorer's are paid in AWS). */
    public synchronized List<SandboxCall> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Answer answer = target != null ? json(target, body) : query(new String(body, StandardCharsets.UTF_8));
            synchronized (this) {
                calls.add(new SandboxCall(answer.service(), answer.operation(), answer.response().status()));
            }
            respond(exchange, answer.response());
        }
    }

    private Answer json(String target, byte[] body) {
        String operation = target.substring(target.indexOf('.') + 1);
        if (!target.startsWith(CostExplorerSandbox.TARGET_PREFIX)) {
            return new Answer("unknown", operation, CostExplorerSandbox.error(400, "UnknownOperationException",
                    "the Caretaker sandbox does not implement " + target));
        }
        Optional<InjectedFailure.Kind> failure = injectedFailure(operation, Optional.empty());
        if (failure.isPresent()) {
            return new Answer("costexplorer", operation, CostExplorerSandbox.failure(failure.get()));
        }
        JsonNode request;
        try {
            request = Json.mapper().readTree(body);
        } catch (IOException e) {
            return new Answer("costexplorer", operation, CostExplorerSandbox.error(400, "SerializationException", "the body is not JSON"));
        }
        return new Answer("costexplorer", operation, costExplorer.handle(operation, request == null ? Json.mapper().createObjectNode() : request));
    }

    private Answer query(String form) {
        Map<String, String> parameters = FormFields.parse(form);
        String action = parameters.getOrDefault("Action", "");
        String version = parameters.getOrDefault("Version", "");
        return switch (version) {
            case CLOUDFORMATION_VERSION -> new Answer("cloudformation", action, !cloudFormationRate.tryTake()
                    ? throttle()
                    : injectedFailure(action, Optional.ofNullable(parameters.get("StackName")))
                            .map(CloudFormationSandbox::failure)
                            .orElseGet(() -> cloudFormation.handle(action, parameters)));
            case STS_VERSION -> new Answer("sts", action, injectedFailure(action, Optional.empty())
                    .map(StsSandbox::failure)
                    .orElseGet(() -> sts.handle(action)));
            default -> new Answer("unknown", action, SandboxResponse.xml(400, QueryXml.error(CloudFormationSandbox.NAMESPACE, "Sender",
                    "InvalidAction", "the Caretaker sandbox implements CloudFormation (" + CLOUDFORMATION_VERSION + "), STS ("
                            + STS_VERSION + ") and Cost Explorer, not Action=" + action + " Version=" + version)));
        };
    }

    private synchronized SandboxResponse throttle() {
        throttled++;
        return CloudFormationSandbox.failure(InjectedFailure.Kind.THROTTLING);
    }

    /** CloudFormation calls refused because they came faster than the scenario's rate limit. */
    public synchronized int throttledByRateLimit() {
        return throttled;
    }

    private synchronized Optional<InjectedFailure.Kind> injectedFailure(String operation, Optional<String> stack) {
        for (int i = 0; i < failures.size(); i++) {
            InjectedFailure failure = failures.get(i);
            if (failuresLeft[i] > 0 && failure.operation().equals(operation)
                    && (failure.stack().isEmpty() || failure.stack().equals(stack))) {
                if (failure.times() != InjectedFailure.ALWAYS) {
                    failuresLeft[i]--;
                }
                return Optional.of(failure.kind());
            }
        }
        return Optional.empty();
    }

    private static void respond(HttpExchange exchange, SandboxResponse response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.getResponseHeaders().set(HEADER, "true");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Answer(String service, String operation, SandboxResponse response) {
    }
}
