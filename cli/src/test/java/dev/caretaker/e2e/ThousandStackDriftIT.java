package dev.caretaker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.drift.Sleeper;
import dev.caretaker.drift.budget.DynamoDbTokenBucketStore;
import dev.caretaker.drift.budget.TokenBucket;
import dev.caretaker.drift.detect.CloudFormationDriftDetector;
import dev.caretaker.drift.detect.Detection;
import dev.caretaker.drift.detect.DetectionPolicy;
import dev.caretaker.drift.report.ResourceStatus;
import dev.caretaker.local.LocalClients;
import dev.caretaker.local.sandbox.InjectedDrift;
import dev.caretaker.local.sandbox.SandboxAccount;
import dev.caretaker.local.sandbox.SandboxResource;
import dev.caretaker.local.sandbox.SandboxScenario;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.StateTables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * 1,000 stacks checked by four concurrent workers (as four Lambda instances would be), each with its
 * own client and its own view of the shared token bucket on DynamoDB Local, against the sandbox's
 * CloudFormation, which throttles anything above its rate limit. The budget is set below that
 * limit, as an operator sets drift.rateLimit below the account's: every stack is checked, none is
 * throttled, and the whole run takes about as long as the budget allows, not longer. The time is
 * asserted loosely (a shared CI machine is noisy); the ratio is printed for the record.
 */
class ThousandStackDriftIT {

    private static final int STACKS = 1000;
    private static final int WORKERS = 4;
    private static final double API_LIMIT = 200;
    private static final double BUDGET = 150;

    @Test
    void checksEveryStackWithoutThrottling_andWithinTheTimeTheBudgetAllows() throws Exception {
        SandboxScenario.Builder scenario = SandboxScenario.builder().cloudFormationCallsPerSecond(API_LIMIT);
        for (int i = 0; i < STACKS; i++) {
            String name = String.format("app-%04d", i);
            scenario.stack(name, "UPDATE_COMPLETE", i % 10 == 0
                    ? SandboxResource.modified("Queue", "AWS::SQS::Queue", name + "-queue",
                            List.of(new InjectedDrift.Difference("/VisibilityTimeout", "60", "30")))
                    : SandboxResource.inSync("Queue", "AWS::SQS::Queue", name + "-queue"));
        }
        Map<String, Detection> checked = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long started;
        long elapsedNanos;
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start();
             SandboxAccount sandbox = new SandboxAccount(scenario.build(), "eu-west-1", Clock.systemUTC()).start()) {
            StateTables.createStateTable(dynamo.client(), "caretaker-state");
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            List<CloudFormationClient> clients = new ArrayList<>();
            try {
                List<CloudFormationDriftDetector> detectors = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    CloudFormationClient client = LocalClients.at(sandbox.endpoint()).build(CloudFormationClient.builder(), "CLOUDFORMATION");
                    clients.add(client);
                    TokenBucket budget = TokenBucket.perSecond(new DynamoDbTokenBucketStore(dynamo.client(), "caretaker-state",
                            "cloudformation"), BUDGET, Clock.systemUTC(), Sleeper.REAL);
                    detectors.add(new CloudFormationDriftDetector(client, budget, Sleeper.REAL, Clock.systemUTC(),
                            DetectionPolicy.DEFAULT));
                }
                started = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (CloudFormationDriftDetector detector : detectors) {
                    done.add(workers.submit(() -> {
                        for (int i = next.getAndIncrement(); i < STACKS; i = next.getAndIncrement()) {
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
                workers.shutdownNow();
                clients.forEach(CloudFormationClient::close);
            }

            int calls = checked.values().stream().mapToInt(detection -> detection.calls().calls()).sum();
            int retried = checked.values().stream().mapToInt(detection -> detection.calls().throttled()).sum();
            double minimumSeconds = (calls - Math.floor(BUDGET)) / BUDGET;
            double elapsedSeconds = elapsedNanos / 1e9;
            System.out.printf("1000 stacks: %d calls in %.1f s; the budget allows %.1f s at least (ratio %.3f); %d throttled%n",
                    calls, elapsedSeconds, minimumSeconds, elapsedSeconds / minimumSeconds, sandbox.throttledByRateLimit());

            assertThat(checked).hasSize(STACKS);
            assertThat(checked.values()).allSatisfy(detection -> assertThat(detection.root().partial()).isFalse());
            long drifted = checked.values().stream()
                    .filter(detection -> detection.root().resources().getFirst().status() == ResourceStatus.MODIFIED).count();
            assertThat(drifted).isEqualTo(STACKS / 10);
            assertThat(sandbox.throttledByRateLimit()).as("calls the stand-in throttled").isZero();
            assertThat(retried).as("throttling retries the detector needed").isZero();
            assertThat(calls).isEqualTo(3 * STACKS);
            assertThat(elapsedSeconds).as("never faster than the budget").isGreaterThanOrEqualTo(minimumSeconds * 0.98);
            assertThat(elapsedSeconds).as("loosely: the budget, not the machinery, sets the pace").isLessThan(minimumSeconds * 1.5);
        }
    }
}
