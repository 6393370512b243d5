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
import java.util.function.Function;

/**
 * THE SANDBOX: a clearly labelled, in-process stand-in for the AWS APIs no local engine
 * implements — CloudFormation (stacks, drift detection, change sets and their execution),
 * CloudWatch (DescribeAlarms), Cost Explorer (GetCostAndUsage), STS (GetCallerIdentity), IAM
 * (SimulatePrincipalPolicy) and Service Quotas (GetServiceQuota) — answering the real SDK clients
 * through an endpoint override, on 127.0.0.1. What it answers is scripted by a
 * {@link SandboxScenario}, never fetched from AWS.
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
    private static final String CLOUDWATCH_VERSION = "2010-08-01";
    private static final String IAM_VERSION = "2010-05-08";

    private final CloudFormationSandbox cloudFormation;
    private final CostExplorerSandbox costExplorer;
    private final StsSandbox sts;
    private final CloudWatchSandbox cloudWatch;
    private final IamSandbox iam;
    private final ServiceQuotasSandbox serviceQuotas;
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

    /** A sandbox whose CloudFormation reads templates from TemplateBody only (TemplateURL is refused). */
    public SandboxAccount(SandboxScenario scenario, String region, Clock clock) {
        this(scenario, region, clock, Optional.empty());
    }

    /**
     * A sandbox whose CloudFormation fetches TemplateURLs through {@code templateSource} (given the
     * URL, the template's bytes; the local runtime reads them from its S3 engine).
     */
    public SandboxAccount(SandboxScenario scenario, String region, Clock clock, Function<String, byte[]> templateSource) {
        this(scenario, region, clock, Optional.of(Objects.requireNonNull(templateSource, "templateSource")));
    }

    private SandboxAccount(SandboxScenario scenario, String region, Clock clock, Optional<Function<String, byte[]>> templateSource) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(clock, "clock");
        SandboxStacks stacks = new SandboxStacks(scenario, ACCOUNT_ID, region, clock);
        this.cloudFormation = new CloudFormationSandbox(stacks, scenario.detectionPolls(), clock, templateSource);
        this.cloudWatch = new CloudWatchSandbox(stacks.alarms(), clock);
        this.costExplorer = new CostExplorerSandbox(scenario, clock);
        this.sts = new StsSandbox(ACCOUNT_ID);
        this.iam = new IamSandbox(scenario.deniedActions());
        this.serviceQuotas = new ServiceQuotasSandbox(scenario.quotas(), region, ACCOUNT_ID);
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

    /** Where the endpoint overrides of every client the sandbox answers point. */
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
        boolean quotas = target.startsWith(ServiceQuotasSandbox.TARGET_PREFIX);
        if (!target.startsWith(CostExplorerSandbox.TARGET_PREFIX) && !quotas) {
            return new Answer("unknown", operation, CostExplorerSandbox.error(400, "UnknownOperationException",
                    "the Caretaker sandbox does not implement " + target));
        }
        String service = quotas ? "servicequotas" : "costexplorer";
        Optional<InjectedFailure.Kind> failure = injectedFailure(operation, Optional.empty());
        if (failure.isPresent()) {
            return new Answer(service, operation, quotas ? ServiceQuotasSandbox.failure(failure.get())
                    : CostExplorerSandbox.failure(failure.get()));
        }
        JsonNode request;
        try {
            request = Json.mapper().readTree(body);
        } catch (IOException e) {
            return new Answer(service, operation, CostExplorerSandbox.error(400, "SerializationException", "the body is not JSON"));
        }
        JsonNode document = request == null ? Json.mapper().createObjectNode() : request;
        return new Answer(service, operation, quotas ? serviceQuotas.handle(operation, document) : costExplorer.handle(operation, document));
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
            case CLOUDWATCH_VERSION -> new Answer("cloudwatch", action, injectedFailure(action, Optional.empty())
                    .map(CloudWatchSandbox::failure)
                    .orElseGet(() -> cloudWatch.handle(action, parameters)));
            case IAM_VERSION -> new Answer("iam", action, injectedFailure(action, Optional.empty())
                    .map(IamSandbox::failure)
                    .orElseGet(() -> iam.handle(action, parameters)));
            default -> new Answer("unknown", action, SandboxResponse.xml(400, QueryXml.error(CloudFormationSandbox.NAMESPACE, "Sender",
                    "InvalidAction", "the Caretaker sandbox implements CloudFormation (" + CLOUDFORMATION_VERSION + "), CloudWatch ("
                            + CLOUDWATCH_VERSION + "), STS (" + STS_VERSION + "), IAM (" + IAM_VERSION + "), Cost Explorer and"
                            + " Service Quotas, not Action=" + action + " Version=" + version)));
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
