package dev.caretaker.bench.fanout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.bench.results.Machine;
import dev.caretaker.bench.results.ResultsFile;
import dev.caretaker.bench.results.Stats;
import dev.caretaker.drift.Sleeper;
import dev.caretaker.drift.budget.DynamoDbTokenBucketStore;
import dev.caretaker.drift.budget.TokenBucket;
import dev.caretaker.drift.detect.CloudFormationDriftDetector;
import dev.caretaker.drift.detect.Detection;
import dev.caretaker.drift.detect.DetectionPolicy;
import dev.caretaker.drift.report.ResourceStatus;
import dev.caretaker.json.Json;
import dev.caretaker.local.LocalAccount;
import dev.caretaker.local.engines.EnginePorts;
import dev.caretaker.local.engines.LocalEngines;
import dev.caretaker.local.resources.AwsResourceCreators;
import dev.caretaker.local.resources.LocalResources;
import dev.caretaker.local.resources.ResourceNaming;
import dev.caretaker.local.resources.TemplateParameters;
import dev.caretaker.local.resources.TemplateResources;
import dev.caretaker.local.sandbox.InjectedDrift;
import dev.caretaker.local.sandbox.SandboxAccount;
import dev.caretaker.local.sandbox.SandboxResource;
import dev.caretaker.local.sandbox.SandboxScenario;
import dev.caretaker.template.Template;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Drift over many stacks against the sandbox's CloudFormation, which throttles every call above
 * its rate limit: concurrent workers (as Lambda instances would be), each with its own client and
 * its own view of the shared token bucket in the state table on DynamoDB Local, the budget set
 * below the API's limit as an operator sets drift.rateLimit. Reports the total time against the
 * least the budget allows, and the calls the API throttled. The scenario is ThousandStackDriftIT's,
 * repeated and recorded.
 *
 * <p>Usage: {@code FanOutBench [--stacks 1000] [--workers 4] [--budget 150] [--api-limit 200] [--runs 3] [--out FILE]}.
 */
public final class FanOutBench {

    /** Goal of issue 7: total time at most 1.1 times the minimum the budget allows. */
    static final double GOAL_RATIO = 1.1;

    private FanOutBench() {
    }

    public static void main(String[] args) throws Exception {
        int stacks = 1000;
        int workers = 4;
        double budget = 150;
        double apiLimit = 200;
        int runs = 3;
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stacks" -> stacks = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--budget" -> budget = Double.parseDouble(args[++i]);
                case "--api-limit" -> apiLimit = Double.parseDouble(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--out" -> output = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path repo = Path.of("").toAbsolutePath();
        Machine before = Machine.now();
        LocalAccount account = LocalAccount.in("eu-west-1");
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode runsJson = root.putArray("runs");
        List<Double> ratios = new ArrayList<>();
        int throttledTotal = 0;
        try (LocalEngines engines = LocalEngines.start(EnginePorts.ANY, account, progress -> System.err.println(progress.message()))) {
            Map<String, String> environment = new HashMap<>(engines.endpoints().environment());
            environment.put("AWS_REGION", account.region());
            AwsClientFactory engineClients = new AwsClientFactory(environment, keys);
            Template template = Template.load(repo.resolve("template.yaml"));
            LocalResources resources = new TemplateResources(template, ResourceNaming.DEFAULT).create(
                    TemplateParameters.resolve(template, Map.of("CustomerId", "fanout", "ManagedStackPrefix", "app"), account, "fanout"),
                    AwsResourceCreators.using(engineClients));
            String stateTable = resources.environmentOf("DriftWorkerFunction").get("STATE_TABLE");
            DynamoDbClient dynamo = engineClients.build(DynamoDbClient.builder(), "DYNAMODB");
            for (int run = 1; run <= runs; run++) {
                // A bucket of its own per run: a run must not inherit the previous one's reservations.
                ObjectNode result = runOnce(stacks, workers, budget, apiLimit, account, keys, dynamo, stateTable, "cloudformation-run-" + run);
                runsJson.add(result);
                ratios.add(result.get("ratio").asDouble());
                throttledTotal += result.get("throttledByApi").asInt() + result.get("throttlingRetries").asInt();
                System.out.printf("run %d: %d stacks, %d calls in %.2f s; the budget allows %.2f s at least: %.3fx; %d throttled by the API,"
                                + " %d throttling retries; load %.2f%n", run, stacks, result.get("calls").asInt(),
                        result.get("elapsedSeconds").asDouble(), result.get("minimumSeconds").asDouble(), result.get("ratio").asDouble(),
                        result.get("throttledByApi").asInt(), result.get("throttlingRetries").asInt(), Machine.now().load1());
            }
        }
        Stats ratio = Stats.of(ratios.stream().mapToDouble(Double::doubleValue).toArray());
        root.put("stacks", stacks);
        root.put("workers", workers);
        root.put("budgetCallsPerSecond", budget);
        root.put("apiLimitCallsPerSecond", apiLimit);
        root.set("ratio", ratio.toJson());
        root.put("goalRatio", GOAL_RATIO);
        root.put("goalRatioMet", ratio.median() <= GOAL_RATIO);
        root.put("throttlingFailures", throttledTotal);
        root.put("goalThrottlingMet", throttledTotal == 0);
        root.set("machine", before.toJson(Machine.now()));
        root.put("java", System.getProperty("java.version"));
        System.out.printf("ratio to the budget's minimum: median %.3f (%.3f-%.3f over %d runs); throttling failures %d%n",
                ratio.median(), ratio.min(), ratio.max(), runs, throttledTotal);
        Path file = ResultsFile.write(repo, "fanout", root, output);
        System.out.println("results: " + repo.relativize(file.toAbsolutePath()));
        // The engines are closed, but ElasticMQ's actor threads can outlive them and keep the JVM up.
        System.exit(0);
    }

    private static ObjectNode runOnce(int stacks, int workers, double budget, double apiLimit, LocalAccount account,
                                      StaticCredentialsProvider keys, DynamoDbClient dynamo, String stateTable, String bucket)
            throws Exception {
        SandboxScenario.Builder scenario = SandboxScenario.builder().cloudFormationCallsPerSecond(apiLimit);
        for (int i = 0; i < stacks; i++) {
            String name = String.format("app-%04d", i);
            scenario.stack(name, "UPDATE_COMPLETE", i % 10 == 0
                    ? SandboxResource.modified("Queue", "AWS::SQS::Queue", name + "-queue",
                            List.of(new InjectedDrift.Difference("/VisibilityTimeout", "60", "30")))
                    : SandboxResource.inSync("Queue", "AWS::SQS::Queue", name + "-queue"));
        }
        Map<String, Detection> checked = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long elapsedNanos;
        int throttledByApi;
        try (SandboxAccount sandbox = new SandboxAccount(scenario.build(), account.region(), Clock.systemUTC()).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            List<CloudFormationClient> clients = new ArrayList<>();
            try {
                List<CloudFormationDriftDetector> detectors = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    // Wired as DriftWorkerHandler wires it: SDK retries off, the detector retries throttling through the budget.
                    AwsClientFactory factory = new AwsClientFactory(Map.of("AWS_REGION", account.region(),
                            "AWS_ENDPOINT_URL_CLOUDFORMATION", sandbox.endpoint().toString()), keys);
                    CloudFormationClient client = factory.build(CloudFormationClient.builder().overrideConfiguration(config ->
                            config.retryStrategy(RetryMode.STANDARD).retryStrategy(strategy -> strategy.maxAttempts(1))), "CLOUDFORMATION");
                    clients.add(client);
                    TokenBucket tokens = TokenBucket.perSecond(new DynamoDbTokenBucketStore(dynamo, stateTable, bucket), budget,
                            Clock.systemUTC(), Sleeper.REAL);
                    detectors.add(new CloudFormationDriftDetector(client, tokens, Sleeper.REAL, Clock.systemUTC(), DetectionPolicy.DEFAULT));
                }
                long started = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (CloudFormationDriftDetector detector : detectors) {
                    done.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < stacks; i = next.getAndIncrement()) {
                            String stack = String.format("app-%04d", i);
                            checked.put(stack, detector.detect(stack, Duration.ofMinutes(4)));
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
                elapsedNanos = System.nanoTime() - started;
            } finally {
                pool.shutdownNow();
                clients.forEach(CloudFormationClient::close);
            }
            throttledByApi = sandbox.throttledByRateLimit();
        }
        int calls = checked.values().stream().mapToInt(detection -> detection.calls().calls()).sum();
        int retried = checked.values().stream().mapToInt(detection -> detection.calls().throttled()).sum();
        long partial = checked.values().stream().filter(detection -> detection.root().partial()).count();
        long drifted = checked.values().stream()
                .filter(detection -> detection.root().resources().getFirst().status() == ResourceStatus.MODIFIED).count();
        // The bucket starts full (one second's worth): those calls cost no waiting, the rest one slot each.
        double minimumSeconds = (calls - Math.floor(budget)) / budget;
        double elapsedSeconds = elapsedNanos / 1e9;
        if (checked.size() != stacks || partial > 0 || drifted != stacks / 10) {
            throw new IllegalStateException("wrong outcome: " + checked.size() + " checked, " + partial + " partial, " + drifted + " drifted");
        }
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("calls", calls);
        result.put("elapsedSeconds", elapsedSeconds);
        result.put("minimumSeconds", minimumSeconds);
        result.put("ratio", elapsedSeconds / minimumSeconds);
        result.put("throttledByApi", throttledByApi);
        result.put("throttlingRetries", retried);
        result.put("stacksChecked", checked.size());
        result.put("drifted", drifted);
        return result;
    }
}
