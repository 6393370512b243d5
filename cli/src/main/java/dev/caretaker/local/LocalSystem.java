package dev.caretaker.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.config.ConfigDirectory;
import dev.caretaker.config.ConfigProviderFactory;
import dev.caretaker.config.ConfigValidator;
import dev.caretaker.config.EffectiveDocument;
import dev.caretaker.config.LoadedDocument;
import dev.caretaker.config.SafeYamlLoader;
import dev.caretaker.config.Validation;
import dev.caretaker.json.Json;
import dev.caretaker.local.api.HttpRoutes;
import dev.caretaker.local.api.LocalHttpApi;
import dev.caretaker.local.demo.DemoReleases;
import dev.caretaker.local.engines.EngineEndpoints;
import dev.caretaker.local.engines.EnginePorts;
import dev.caretaker.local.engines.LocalEngines;
import dev.caretaker.local.events.LocalEventBus;
import dev.caretaker.local.events.SqsEventSource;
import dev.caretaker.local.events.SqsEventSources;
import dev.caretaker.local.functions.LocalFunction;
import dev.caretaker.local.functions.LocalLambdaContext;
import dev.caretaker.local.resources.AwsResourceCreators;
import dev.caretaker.local.resources.LocalResource;
import dev.caretaker.local.resources.LocalResources;
import dev.caretaker.local.resources.ResourceNaming;
import dev.caretaker.local.resources.TemplateParameters;
import dev.caretaker.local.resources.TemplateResources;
import dev.caretaker.local.sandbox.SandboxAccount;
import dev.caretaker.local.sandbox.SandboxScenario;
import dev.caretaker.local.schedule.FiredSchedule;
import dev.caretaker.local.schedule.LocalScheduler;
import dev.caretaker.local.schedule.LocalSchedules;
import dev.caretaker.local.schedule.ScaledClock;
import dev.caretaker.local.standin.Notification;
import dev.caretaker.local.support.SupportServices;
import dev.caretaker.local.stepfunctions.ExecutionEnvironment;
import dev.caretaker.local.stepfunctions.LocalStateMachine;
import dev.caretaker.local.stepfunctions.LocalStepFunctionsServer;
import dev.caretaker.local.stepfunctions.StateMachineDefinition;
import dev.caretaker.local.stepfunctions.TaskFunction;
import dev.caretaker.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The whole of Caretaker in one process on loopback, from template.yaml: the engines and the
 * template's resources on them, the sandbox account, the event bus, the deployment state machine,
 * SNS, Secrets Manager and SSM (stand-ins, or LocalStack's: {@link ServiceRoutes}; the configuration
 * parameter seeded with examples/config rendered for dev), the five functions built from their real handler classes,
 * the HTTP API, one poller per SQS event source and the schedules.
 *
 * <p>{@link #start} either returns a running system or leaves nothing running; {@link #close()}
 * stops everything in reverse order of start, after which nothing it started is listening.
 */
public final class LocalSystem implements AutoCloseable {

    public static final String ORCHESTRATOR = "OrchestratorFunction";
    public static final String DEPLOYMENT_WORKER = "DeploymentWorkerFunction";
    public static final String DEPLOYMENT_STATE_MACHINE = "DeploymentStateMachine";
    public static final String WEBHOOK_SOURCE = "vendor";
    /** The configuration the functions start with: this directory next to the template, rendered for dev. */
    public static final String CONFIG_DIRECTORY = "examples/config";
    public static final String CONFIG_ENVIRONMENT = "dev";
    /**
     * The local runtime's own configuration layer, merged over {@value #CONFIG_DIRECTORY} as a customer's
     * overrides would be: the test-only trusted key, the sandbox's stacks, no change freeze.
     */
    public static final String SANDBOX_CONFIGURATION = "sandbox-config.yaml";

    private static final String STACK_NAME = "caretaker-local";
    private static final String ARTIFACTS_BUCKET = "ArtifactsBucket";
    private static final Duration MAX_LOCAL_WAIT = Duration.ofMillis(250);
    private static final Map<String, String> PARAMETERS = Map.of("CustomerId", "local", "ManagedStackPrefix", "app");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final LocalSystemListener listener;
    private LocalScheduler scheduler;
    private final String webhookSecret;
    private LocalResources resources;
    private LocalStateMachine deployment;
    private LocalHttpApi api;
    private SandboxAccount sandbox;
    private SupportServices support;
    private SsmConfigPublisher configuration;
    private String artifactsBucket;
    private ConfigDirectory configurationDirectory;
    private boolean closed;

    private LocalSystem(LocalSystemListener listener, String webhookSecret) {
        this.listener = listener;
        this.webhookSecret = webhookSecret;
    }

    /**
     * Starts everything.
     *
     * @throws PortInUseException if the API port is taken (checked before anything starts)
     */
    public static LocalSystem start(LocalSystemOptions options, LocalSystemListener listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        ensureFree(options.apiPort());
        LocalSystem system = new LocalSystem(listener, options.webhookSecret().orElseGet(LocalSystem::generatedSecret));
        try {
            system.startAll(options);
            return system;
        } catch (RuntimeException e) {
            try {
                system.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Fires one of the template's schedules now, through the same path as its regular firings. */
    public FiredSchedule fireSchedule(String scheduleLogicalId) {
        return scheduler.fireNow(scheduleLogicalId);
    }

    /** Where the HTTP API answers, e.g. http://127.0.0.1:3000. */
    public URI apiEndpoint() {
        return api.endpoint();
    }

    /** The signing secret of webhook source {@value #WEBHOOK_SOURCE}. */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** The template's resources as they exist locally, stand-ins included. */
    public LocalResources resources() {
        return resources;
    }

    /** The deployment workflow, for its executions' history. */
    public LocalStateMachine deploymentStateMachine() {
        return deployment;
    }

    /** What the sandbox account answered so far. */
    public SandboxAccount sandbox() {
        if (sandbox == null) {
            throw new IllegalStateException("this local system runs against a real account, not the sandbox");
        }
        return sandbox;
    }

    /**
     * Pushes a configuration document to the functions' SSM parameter, as an operator would, and
     * returns its version. The functions validate it on their next reload.
     */
    public long publishConfiguration(String document) {
        return configuration.publish(document);
    }

    /** The SSM parameter the functions read their configuration from. */
    public String configurationParameter() {
        return configuration.parameterName();
    }

    /** What the notification topic was sent: recorded by the stand-in, or read back from LocalStack's topic. */
    public List<Notification> notifications() {
        return support.notifications();
    }

    private void startAll(LocalSystemOptions options) {
        Template template = load(options.template());
        ServiceRoutes routes = ServiceRoutes.of(options.backend());
        Clock clock = Clock.systemUTC();
        // A real account is proven reachable before anything starts, so a bad profile leaves nothing behind.
        Optional<AwsAccountAccess> realAccount = options.backend() instanceof LocalBackend.Aws aws
                ? Optional.of(AwsProfileAccount.connect(aws))
                : Optional.empty();
        realAccount.ifPresent(access -> listener.progress("real " + access.description()
                + ": CloudFormation, Cost Explorer and STS calls go there (Cost Explorer bills $0.01 a request)"));
        LocalAccount account = realAccount
                .map(access -> new LocalAccount(access.accountId(), access.region(), LocalAccount.ACCESS_KEY_ID,
                        LocalAccount.SECRET_ACCESS_KEY))
                .orElseGet(() -> LocalAccount.in("eu-west-1"));

        EngineEndpoints endpoints = switch (options.backend()) {
            case LocalBackend.Embedded embedded -> startEngines(account);
            case LocalBackend.Aws aws -> startEngines(account);
            case LocalBackend.LocalStack localStack -> {
                listener.progress("using " + routes.describe());
                yield new EngineEndpoints(localStack.endpoint(), localStack.endpoint(), localStack.endpoint());
            }
        };

        Map<String, String> engineEnvironment = new LinkedHashMap<>(endpoints.environment());
        engineEnvironment.put("AWS_REGION", account.region());
        AwsClientFactory engineClients = LocalFunctionFactory.clients(account, engineEnvironment);
        List<String> driftStacks = options.backend() instanceof LocalBackend.Aws aws ? aws.driftStacks() : DemoScenario.STACKS;
        Map<String, String> parameters = new HashMap<>(PARAMETERS);
        parameters.put("DriftStacks", String.join(",", driftStacks));
        if (!(options.backend() instanceof LocalBackend.Aws)) {
            // The demo's mode; a real account keeps the template's default.
            parameters.put("DriftRemediation", DemoScenario.DRIFT_REMEDIATION);
        }
        TemplateParameters templateParameters = TemplateParameters.resolve(template, parameters, account, STACK_NAME);
        LocalResources created = new TemplateResources(template, ResourceNaming.DEFAULT)
                .create(templateParameters, AwsResourceCreators.using(engineClients));
        listener.progress("resources created: " + String.join(", ", created.resources().keySet()));

        AwsAccountAccess accountAccess = realAccount.orElseGet(() -> startSandbox(account, clock,
                S3TemplateSource.using(engineClients)));
        artifactsBucket = created.get(ARTIFACTS_BUCKET).physicalName();
        if (realAccount.isEmpty()) {
            publishDemoReleases(engineClients, options.template());
        }
        if (realAccount.isPresent()) {
            listener.progress(driftStacks.isEmpty()
                    ? "drift checks cover every stack whose name starts with " + PARAMETERS.get("ManagedStackPrefix")
                            + " (the managed prefix); name them with --stacks"
                    : "drift checks cover " + driftStacks);
        }

        support = routes.startSupportServices(account, Map.of(WEBHOOK_SOURCE, webhookSecret), clock,
                notification -> listener.progress("notification: " + notification.subject()), listener::progress);
        started.push(support);
        listener.progress(support.description());
        String secretId = support.webhookSecretId();

        String stateMachineArn = account.arn("states", "stateMachine:caretaker-local-deployment");
        String topicArn = support.topicArn();
        resources = created
                .withStandIn(LocalResource.standIn(DEPLOYMENT_STATE_MACHINE, "AWS::StepFunctions::StateMachine", stateMachineArn,
                        Map.of("Arn", stateMachineArn, "Name", "caretaker-local-deployment")))
                .withStandIn(LocalResource.standIn("NotificationTopic", "AWS::SNS::Topic", topicArn,
                        Map.of("TopicArn", topicArn, "TopicName", "caretaker-local-notifications")))
                .withStandIn(LocalResource.standIn("WebhookSecret", "AWS::SecretsManager::Secret", secretId, Map.of("Id", secretId)));

        LocalEventBus bus = LocalEventBus.forTemplate(resources, clock).start();
        started.push(bus);
        listener.progress("event bus on " + bus.endpoint());

        ExecutorService executions = Executors.newVirtualThreadPerTaskExecutor();
        started.push(executions::shutdownNow);
        Map<String, String> serviceEndpoints = new LinkedHashMap<>(engineEnvironment);
        serviceEndpoints.putAll(routes.environment(endpoints, support, bus.endpoint(), accountAccess));
        // Locally every read goes to the stand-in or LocalStack and costs nothing: no cache, so a push shows at once.
        serviceEndpoints.put(ConfigProviderFactory.ENV_TTL, "0");
        configuration = new SsmConfigPublisher(LocalFunctionFactory.clients(account, serviceEndpoints),
                resources.environmentOf(ORCHESTRATOR).getOrDefault(ConfigProviderFactory.ENV_PARAMETER, "/caretaker/local/config"));
        started.push(configuration);
        if (realAccount.isPresent()) {
            // The examples describe a sample customer; against a real account the template's settings (--stacks) apply.
            listener.progress("configuration: none seeded for a real account; functions use the template's settings");
        } else {
            seedConfiguration(options.template());
        }
        LocalFunctionFactory functions = new LocalFunctionFactory(template, resources, account, accountAccess, clock);

        // The worker is built before the server that invokes it; the orchestrator after, as it calls the server.
        LocalFunction.Json worker = (LocalFunction.Json) functions.build(DEPLOYMENT_WORKER, serviceEndpoints);
        String workerArn = account.arn("lambda", "function:caretaker-local-deployment-worker:live");
        Path definitionFile = definitionFile(options.template(), template);
        deployment = new LocalStateMachine(stateMachineArn,
                StateMachineDefinition.load(definitionFile, Map.of("DeploymentWorkerFunctionArn", workerArn)),
                Map.of(workerArn, deploymentTask(worker, () -> functions.context(DEPLOYMENT_WORKER))),
                new ExecutionEnvironment(executions, Clock.systemUTC(), LocalSystem::pollingWait, new Random()));
        LocalStepFunctionsServer stepFunctions = LocalStepFunctionsServer.start(List.of(deployment));
        started.push(stepFunctions);
        listener.progress("step functions on " + stepFunctions.endpoint() + " running " + definitionFile);
        serviceEndpoints.put("AWS_ENDPOINT_URL_SFN", stepFunctions.endpoint().toString());

        LocalFunction.Stream orchestrator = (LocalFunction.Stream) functions.build(ORCHESTRATOR, serviceEndpoints);
        Map<String, LocalFunction.Sqs> workers = new LinkedHashMap<>();
        List<SqsEventSource> sources = SqsEventSources.fromTemplate(template);
        for (SqsEventSource source : sources) {
            workers.put(source.functionLogicalId(), (LocalFunction.Sqs) functions.build(source.functionLogicalId(), serviceEndpoints));
        }
        listener.progress("functions ready: " + DEPLOYMENT_WORKER + ", " + ORCHESTRATOR + ", " + String.join(", ", workers.keySet()));

        bus.register(ORCHESTRATOR, event -> {
            listener.progress("bus event → " + ORCHESTRATOR + ": " + Json.read(event, JsonNode.class).path("detail-type").asText());
            orchestrator.invoke(event.getBytes(StandardCharsets.UTF_8), functions.context(ORCHESTRATOR));
        });

        started.push(SqsEventSourceLoops.start(engineClients, sources, resources, workers, functions, listener));

        LocalScheduler scheduler = new LocalScheduler(LocalSchedules.fromTemplate(template, templateParameters),
                ScaledClock.startingNow(clock, options.timeScale()), account, invocation -> {
                    listener.progress("schedule fired: " + invocation.scheduleLogicalId() + " at " + invocation.scheduledTime());
                    orchestrator.invoke(invocation.input().getBytes(StandardCharsets.UTF_8), functions.context(ORCHESTRATOR));
                });
        scheduler.start();
        started.push(scheduler);
        this.scheduler = scheduler;
        listener.progress("schedules running at " + options.timeScale() + "x real time");

        Function<byte[], byte[]> http = request -> {
            byte[] response = orchestrator.invoke(request, functions.context(ORCHESTRATOR));
            listener.progress(ApiExchange.describe(request, response));
            return response;
        };
        try {
            api = LocalHttpApi.start(options.apiPort(), HttpRoutes.from(template), Map.of(ORCHESTRATOR, http), clock);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof BindException taken) {
                throw new PortInUseException(options.apiPort(), taken);
            }
            throw e;
        }
        started.push(api);
        listener.progress("API listening on " + api.endpoint());
    }

    private EngineEndpoints startEngines(LocalAccount account) {
        LocalEngines engines = LocalEngines.start(EnginePorts.ANY, account, progress -> listener.progress(progress.message()));
        started.push(engines);
        listener.progress("engines up");
        return engines.endpoints();
    }

    /**
     * The scripted account of the demo scenario, standing in for CloudFormation, CloudWatch, Cost
     * Explorer, STS, IAM and Service Quotas; its CloudFormation reads TemplateURLs from the local S3 engine.
     */
    private AwsAccountAccess startSandbox(LocalAccount account, Clock clock, S3TemplateSource templates) {
        SandboxScenario scenario = DemoScenario.create(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        sandbox = new SandboxAccount(scenario, account.region(), clock, templates).start();
        started.push(sandbox);
        listener.progress("sandbox account on " + sandbox.endpoint() + " with stacks "
                + scenario.stacks().stream().map(stack -> stack.name() + " (" + stack.status() + ")").toList()
                + "; drift checks cover " + DemoScenario.STACKS);
        Map<String, String> endpoints = new LinkedHashMap<>();
        // KMS too: the sandbox has no keys and says so, where real KMS would be asked with the local keys.
        for (String service : List.of("CLOUDFORMATION", "CLOUDWATCH", "COST_EXPLORER", "STS", "IAM", "SERVICE_QUOTAS", "KMS")) {
            endpoints.put("AWS_ENDPOINT_URL_" + service, sandbox.endpoint().toString());
        }
        return new AwsAccountAccess(account.accountId(), account.region(), AwsAccountAccess.ACCOUNT_SERVICES, endpoints,
                LocalFunctionFactory.localCredentials(account), "sandbox account on " + sandbox.endpoint());
    }

    /**
     * A wait of the local deployment workflow: at most a quarter of a second of it, real. Locally
     * every Wait state only paces a poll (the stack's next events, the next look at the gate or the alarms),
     * and polling sooner changes no decision, which is always taken on the clock: a window still opens at
     * its time, an approval still times out at its deadline.
     */
    private static void pollingWait(Duration duration) throws InterruptedException {
        Thread.sleep(Math.min(duration.toMillis(), MAX_LOCAL_WAIT.toMillis()));
    }

    /** The sandbox vendor's signed releases, where the deployment worker reads them. */
    private void publishDemoReleases(AwsClientFactory engineClients, Path templateFile) {
        DemoReleases.publish(artifactsBucket, templateFile.toAbsolutePath().getParent(),
                new S3ObjectWriter(engineClients.s3(), artifactsBucket));
        listener.progress("sandbox vendor releases (signed with the TEST-ONLY key of examples/release) in s3://" + artifactsBucket
                + "/releases/: " + DemoReleases.RELEASES.stream().map(r -> r.stack() + " " + r.version()
                        + (r.tampered() ? " (tampered)" : "")).toList());
    }

    /** The manifest of a sandbox vendor release, e.g. s3://caretaker-local-artifacts/releases/app/1.4.0/manifest.json. */
    public String releaseManifest(String stack, String version) {
        return DemoReleases.manifest(artifactsBucket, stack, version);
    }

    /** Renders the example configuration for dev into the parameter, so the functions start with a valid version. */
    private void seedConfiguration(Path templateFile) {
        Path directory = templateFile.toAbsolutePath().getParent().resolve(CONFIG_DIRECTORY);
        if (!Files.isDirectory(directory)) {
            listener.progress("configuration: no " + CONFIG_DIRECTORY + " next to the template; functions run without one");
            return;
        }
        configurationDirectory = new ConfigDirectory(directory);
        Validation validation = render(List.of());
        if (!validation.valid()) {
            listener.progress("configuration: " + directory + " with " + SANDBOX_CONFIGURATION + " is invalid for "
                    + CONFIG_ENVIRONMENT + ", not stored: " + validation.lines().getFirst());
            return;
        }
        long version = configuration.publish(EffectiveDocument.yaml(validation.effective().orElseThrow()));
        listener.progress("configuration: " + CONFIG_DIRECTORY + " rendered for " + CONFIG_ENVIRONMENT + " with the sandbox's layer "
                + SANDBOX_CONFIGURATION + " in SSM parameter " + configuration.parameterName() + " (version " + version + ")");
    }

    /**
     * Pushes the configuration the system started with, plus {@code layer} merged over it (maps merge,
     * lists replace, null removes), as an operator changing one setting would; returns its version.
     *
     * @throws IllegalArgumentException naming every problem, when the result is not a valid configuration
     */
    public long publishConfigurationLayer(String layer) {
        if (configurationDirectory == null) {
            throw new IllegalStateException("this local system started without " + CONFIG_DIRECTORY);
        }
        Validation validation = render(List.of(new SafeYamlLoader().load(layer, "demo-layer.yaml")));
        if (!validation.valid()) {
            throw new IllegalArgumentException("the configuration with that layer is invalid: " + String.join("; ", validation.lines()));
        }
        return configuration.publish(EffectiveDocument.yaml(validation.effective().orElseThrow()));
    }

    private Validation render(List<LoadedDocument> extraLayers) {
        return sandboxConfiguration(configurationDirectory, extraLayers);
    }

    /**
     * The configuration the local runtime runs on: {@code directory}'s layers for
     * {@value #CONFIG_ENVIRONMENT}, the sandbox's own layer ({@value #SANDBOX_CONFIGURATION}: the
     * TEST-ONLY release key, the sandbox's stacks, no freezes), then {@code extraLayers}.
     */
    public static Validation sandboxConfiguration(ConfigDirectory directory, List<LoadedDocument> extraLayers) {
        List<LoadedDocument> documents = new ArrayList<>(directory.layerFiles(CONFIG_ENVIRONMENT).stream()
                .map(directory::load).toList());
        documents.add(new SafeYamlLoader().load(ClasspathText.read(LocalSystem.class, SANDBOX_CONFIGURATION), SANDBOX_CONFIGURATION));
        documents.addAll(extraLayers);
        return new ConfigValidator().validateLayers(documents);
    }

    private TaskFunction deploymentTask(LocalFunction.Json worker, Supplier<LocalLambdaContext> context) {
        return TaskFunction.of((payload, ignored) -> {
            Object input = payload.get("input");
            String job = input instanceof Map<?, ?> map ? String.valueOf(map.get("jobId")) : "?";
            listener.progress("state machine step: " + payload.get("action") + " (job " + job + ")");
            return worker.invoke(payload, context.get());
        });
    }

    /** Stops everything in reverse order of start; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                // Keep stopping the rest: one stuck part must not leave the others listening.
                RuntimeException stop = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                if (failure == null) {
                    failure = stop;
                } else {
                    failure.addSuppressed(stop);
                }
            }
        }
        listener.progress("stopped");
        if (failure != null) {
            throw failure;
        }
    }

    private static Template load(Path template) {
        try {
            return Template.load(template);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + template + ": " + e.getMessage(), e);
        }
    }

    private static Path definitionFile(Path templateFile, Template template) {
        Object location = template.resources().get(DEPLOYMENT_STATE_MACHINE).properties().get("DefinitionS3Location");
        Path directory = templateFile.toAbsolutePath().getParent();
        return directory.resolve(String.valueOf(location));
    }

    private static void ensureFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check port " + port + ": " + e.getMessage(), e);
        }
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
