package dev.caretaker.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.config.ConfigDirectory;
import dev.caretaker.config.ConfigProviderFactory;
import dev.caretaker.config.ConfigValidator;
import dev.caretaker.config.EffectiveDocument;
import dev.caretaker.config.Validation;
import dev.caretaker.job.CreateOutcome;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.local.LocalAccount;
import dev.caretaker.local.LocalSystem;
import dev.caretaker.local.S3ObjectWriter;
import dev.caretaker.local.S3TemplateSource;
import dev.caretaker.local.demo.DemoReleases;
import dev.caretaker.local.engines.EnginePorts;
import dev.caretaker.local.engines.LocalEngines;
import dev.caretaker.local.events.LocalEventBus;
import dev.caretaker.local.resources.AwsResourceCreators;
import dev.caretaker.local.resources.LocalResource;
import dev.caretaker.local.resources.LocalResources;
import dev.caretaker.local.resources.ResourceNaming;
import dev.caretaker.local.resources.TemplateParameters;
import dev.caretaker.local.resources.TemplateResources;
import dev.caretaker.local.sandbox.InjectedDrift;
import dev.caretaker.local.sandbox.SandboxAccount;
import dev.caretaker.local.sandbox.SandboxResource;
import dev.caretaker.local.sandbox.SandboxScenario;
import dev.caretaker.local.standin.StandInServices;
import dev.caretaker.template.Template;
import dev.caretaker.work.WorkItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything the measured functions talk to, in its own process so none of it runs in the measured
 * JVM: DynamoDB Local, ElasticMQ and s3proxy with template.yaml's tables, queues and bucket; the
 * sandbox account (recorded-style CloudFormation and Cost Explorer answers); the SNS, Secrets
 * Manager and SSM stand-ins with examples/config rendered for staging in the configuration parameter;
 * the event bus. The pieces and their wiring are the local runtime's (cli/…/local), reused.
 *
 * <p>Protocol on stdin/stdout, one JSON document a line: first it prints
 * {@code {"environments": {logicalId: {NAME: value}}}}, each function's Lambda environment; then for
 * each {@code prepare LOGICAL_ID EVENT_FILE} line it prints the event made ready for one fresh run
 * (a new job behind each work item, a new scheduled time), so every cold start does the full work
 * rather than finding a duplicate. For {@code deployment STACK VERSION} it prints
 * {@code {"input": …, "environment": {NAME: value}}}: the deployment workflow's execution input for a
 * new DEPLOY job of that release of the local demo's vendor (signed and published in the artifacts
 * bucket at start), and what the deployment worker's environment needs changed to run it (the local
 * runtime's configuration, in a parameter of its own: the measured runs keep staging's). {@code stop} ends it.
 */
public final class BenchEnvironment implements AutoCloseable {

    static final String REGION = "eu-west-1";
    /**
     * Staging, not dev: dev logs at DEBUG (template.yaml's EnvironmentSettings), and the SDK's debug
     * lines would be most of what a cold start measured. Staging and prod log at INFO.
     */
    static final String ENVIRONMENT = "staging";
    private static final Map<String, String> PARAMETERS = Map.of("CustomerId", "bench", "Environment", ENVIRONMENT,
            "ManagedStackPrefix", "app", "DriftStacks", "app,app-b");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private final AtomicInteger runs = new AtomicInteger();
    private JobStore jobs;
    private String artifactsBucket;
    private String workflowConfigParameter;

    public static void main(String[] args) throws IOException {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        // The engines log to stdout: keep the protocol channel clean.
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        try (BenchEnvironment environment = new BenchEnvironment()) {
            environment.start(repo);
            ObjectNode ready = Json.mapper().createObjectNode();
            ready.set("environments", Json.mapper().valueToTree(environment.environments));
            protocol.println(Json.write(ready));
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = commands.readLine(); line != null && !line.equals("stop"); line = commands.readLine()) {
                String[] words = line.trim().split("\\s+");
                try {
                    if (words.length == 3 && words[0].equals("prepare")) {
                        protocol.println(Json.write(environment.prepare(words[1], Files.readString(Path.of(words[2])))));
                    } else if (words.length == 3 && words[0].equals("deployment")) {
                        protocol.println(Json.write(environment.deployment(words[1], words[2])));
                    } else {
                        protocol.println("{\"error\":\"unknown command: " + line.replace("\"", "'") + "\"}");
                    }
                } catch (RuntimeException e) {
                    protocol.println("{\"error\":" + Json.write(e.toString()) + "}");
                }
            }
        }
    }

    private void start(Path repo) throws IOException {
        Clock clock = Clock.systemUTC();
        LocalAccount account = LocalAccount.in(REGION);
        LocalEngines engines = LocalEngines.start(EnginePorts.ANY, account, progress -> System.err.println(progress.message()));
        started.push(engines);
        Map<String, String> engineEnvironment = new LinkedHashMap<>(engines.endpoints().environment());
        engineEnvironment.put("AWS_REGION", REGION);
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
        AwsClientFactory engineClients = new AwsClientFactory(engineEnvironment, keys);

        Template template = Template.load(repo.resolve("template.yaml"));
        TemplateParameters parameters = TemplateParameters.resolve(template, PARAMETERS, account, "caretaker-bench");
        LocalResources created = new TemplateResources(template, ResourceNaming.DEFAULT)
                .create(parameters, AwsResourceCreators.using(engineClients));

        SandboxAccount sandbox = new SandboxAccount(scenario(LocalDate.now(clock.withZone(ZoneOffset.UTC))), REGION, clock,
                S3TemplateSource.using(engineClients)).start();
        started.push(sandbox);
        String secretId = account.arn("secretsmanager", "secret:caretaker/bench/dev/webhooks");
        StandInServices standIns = StandInServices.start(secretId, Map.of("vendor", "bench-webhook-secret"), clock, n -> { });
        started.push(standIns);
        String stateMachineArn = account.arn("states", "stateMachine:caretaker-bench-deployment");
        String topicArn = account.arn("sns", "caretaker-bench-notifications");
        LocalResources resources = created
                .withStandIn(LocalResource.standIn("DeploymentStateMachine", "AWS::StepFunctions::StateMachine", stateMachineArn,
                        Map.of("Arn", stateMachineArn, "Name", "caretaker-bench-deployment")))
                .withStandIn(LocalResource.standIn("NotificationTopic", "AWS::SNS::Topic", topicArn,
                        Map.of("TopicArn", topicArn, "TopicName", "caretaker-bench-notifications")))
                .withStandIn(LocalResource.standIn("WebhookSecret", "AWS::SecretsManager::Secret", secretId, Map.of("Id", secretId)));
        LocalEventBus bus = LocalEventBus.forTemplate(resources, clock).start();
        started.push(bus);

        Map<String, String> endpoints = new LinkedHashMap<>(engineEnvironment);
        endpoints.put("AWS_ENDPOINT_URL_EVENTBRIDGE", bus.endpoint().toString());
        for (String service : List.of("CLOUDFORMATION", "CLOUDWATCH", "COST_EXPLORER", "STS", "IAM", "SERVICE_QUOTAS", "KMS")) {
            endpoints.put("AWS_ENDPOINT_URL_" + service, sandbox.endpoint().toString());
        }
        for (String service : List.of("SECRETSMANAGER", "SNS", "SSM", "SFN")) {
            endpoints.put("AWS_ENDPOINT_URL_" + service, standIns.endpoint().toString());
        }
        endpoints.put("AWS_ACCESS_KEY_ID", account.accessKeyId());
        endpoints.put("AWS_SECRET_ACCESS_KEY", account.secretAccessKey());

        for (String logicalId : template.resourcesOfType("AWS::Serverless::Function").keySet()) {
            Map<String, String> environment = new LinkedHashMap<>(resources.environmentOf(logicalId));
            environment.putAll(endpoints);
            environment.put("AWS_LAMBDA_FUNCTION_NAME", "caretaker-bench-" + logicalId);
            environments.put(logicalId, environment);
        }
        String configParameter = environments.get("OrchestratorFunction").get(ConfigProviderFactory.ENV_PARAMETER);
        seedConfiguration(repo, standIns, configParameter);
        workflowConfigParameter = configParameter + "-workflow";
        seedWorkflowConfiguration(repo, standIns, workflowConfigParameter);
        artifactsBucket = created.get("ArtifactsBucket").physicalName();
        DemoReleases.publish(artifactsBucket, repo, new S3ObjectWriter(engineClients.s3(), artifactsBucket));
        jobs = new DynamoDbJobStore(engineClients.build(DynamoDbClient.builder(), "DYNAMODB"),
                environments.get("OrchestratorFunction").get("STATE_TABLE"));
    }

    /** The stacks the events name (app-b drifted as in events/result-event-drift.json) and two weeks of costs. */
    private static SandboxScenario scenario(LocalDate today) {
        SandboxScenario.Builder scenario = SandboxScenario.builder()
                .stack("app", "UPDATE_COMPLETE",
                        SandboxResource.inSync("AppBucket", "AWS::S3::Bucket", "app-assets-000000000000"),
                        SandboxResource.inSync("AppQueue", "AWS::SQS::Queue", "app-work"))
                .stack("app-b", "UPDATE_COMPLETE",
                        SandboxResource.modified("Bucket", "AWS::S3::Bucket", "app-b-bucket-000000000000",
                                List.of(new InjectedDrift.Difference("/VersioningConfiguration/Status", "Enabled", "Suspended"))),
                        SandboxResource.inSync("Table", "AWS::DynamoDB::Table", "app-b-table"));
        for (int daysAgo = 14; daysAgo >= 1; daysAgo--) {
            LocalDate day = today.minusDays(daysAgo);
            scenario.dailyCost(day, "AWS Lambda", "1.2" + daysAgo % 10)
                    .dailyCost(day, "Amazon DynamoDB", "0.8" + daysAgo % 7)
                    .dailyCost(day, "Amazon Simple Storage Service", "0.31");
        }
        return scenario.build();
    }

    private static void seedConfiguration(Path repo, StandInServices standIns, String parameter) {
        Validation validation = new ConfigDirectory(repo.resolve("examples/config")).validate(ENVIRONMENT, new ConfigValidator());
        if (!validation.valid()) {
            throw new IllegalStateException("examples/config is invalid for " + ENVIRONMENT + ": " + validation.lines().getFirst());
        }
        String document = EffectiveDocument.yaml(validation.effective().orElseThrow());
        // The drift budget's own waiting (0.5-1 s at the example's 2 calls/s) is not cold start; the fan-out measures it.
        String unthrottled = document.replaceFirst("(?m)^(\\s+callsPerSecond:) 2(\\.0)?$", "$1 50");
        if (unthrottled.equals(document)) {
            throw new IllegalStateException("examples/config no longer sets drift.rateLimit.callsPerSecond to 2: update the bench");
        }
        standIns.putParameter(parameter, unthrottled);
    }

    /** The local runtime's own configuration (dev and the sandbox's layer), which trusts the demo vendor's TEST-ONLY key. */
    private static void seedWorkflowConfiguration(Path repo, StandInServices standIns, String parameter) {
        Validation validation = LocalSystem.sandboxConfiguration(new ConfigDirectory(repo.resolve("examples/config")), List.of());
        if (!validation.valid()) {
            throw new IllegalStateException("the local runtime's configuration is invalid: " + validation.lines().getFirst());
        }
        standIns.putParameter(parameter, EffectiveDocument.yaml(validation.effective().orElseThrow()));
    }

    /** A new DEPLOY job for the demo vendor's release and the execution input that deploys it, as the orchestrator writes it. */
    JsonNode deployment(String stack, String version) {
        String jobId = newJob(JobType.DEPLOY, stack, runs.incrementAndGet());
        ObjectNode answer = Json.mapper().createObjectNode();
        ObjectNode input = answer.putObject("input");
        input.put("deploymentId", jobId);
        input.put("jobId", jobId);
        input.put("stack", stack);
        input.put("version", version);
        input.put("manifest", DemoReleases.manifest(artifactsBucket, stack, version));
        input.put("requestedBy", "bench");
        input.put("now", false);
        answer.putObject("environment").put(ConfigProviderFactory.ENV_PARAMETER, workflowConfigParameter);
        return answer;
    }

    /**
     * The event for one fresh run: each SQS work item gets a new QUEUED job (same type, target and
     * parameters), a deployment task a new DEPLOY job, a schedule a scheduled time never used before.
     */
    JsonNode prepare(String logicalId, String eventJson) {
        int run = runs.incrementAndGet();
        JsonNode event = Json.read(eventJson, JsonNode.class);
        if (event.has("Records")) {
            for (JsonNode record : (ArrayNode) event.get("Records")) {
                WorkItem item;
                try {
                    item = WorkItem.parse(record.path("body").asText());
                } catch (RuntimeException malformed) {
                    continue; // a malformed record stays malformed: the batch's realism includes it
                }
                String jobId = newJob(item.type(), item.target(), run);
                WorkItem fresh = new WorkItem(jobId, item.type(), item.target(), jobId, item.parameters());
                ((ObjectNode) record).put("body", fresh.toJson());
            }
        } else if (event.has("action") && event.path("input").isObject()) {
            ObjectNode input = (ObjectNode) event.get("input");
            input.put("jobId", newJob(JobType.DEPLOY, input.path("stack").asText(), run));
        } else if (event.has("scheduledTime")) {
            // A scheduled time of its own per run: the same one twice would be (rightly) a duplicate.
            ((ObjectNode) event).put("scheduledTime", Instant.parse("2030-01-01T00:00:00Z").plusSeconds(60L * run
                    + System.currentTimeMillis() / 1000 % 100_000 * 3600).toString());
        }
        if (logicalId.isBlank()) {
            throw new IllegalArgumentException("no function named");
        }
        return event;
    }

    private String newJob(JobType type, String target, int run) {
        JobRequest request = new JobRequest(type, target, new JobTrigger.Parent("bench-" + ProcessHandle.current().pid(),
                "run-" + run + "-" + target), null);
        return switch (jobs.create(request, Instant.now())) {
            case CreateOutcome.Created created -> created.job().id();
            case CreateOutcome.AlreadyExists exists -> throw new IllegalStateException("job " + exists.job().id() + " already exists");
        };
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
    }
}
