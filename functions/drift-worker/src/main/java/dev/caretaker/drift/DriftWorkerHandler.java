package dev.caretaker.drift;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.aws.SnapStartPriming;
import dev.caretaker.config.ConfigProviderFactory;
import dev.caretaker.drift.budget.DynamoDbTokenBucketStore;
import dev.caretaker.drift.budget.RateBudget;
import dev.caretaker.drift.budget.TokenBucket;
import dev.caretaker.drift.detect.CloudFormationDriftDetector;
import dev.caretaker.drift.detect.DetectionPolicy;
import dev.caretaker.drift.history.DynamoDbDriftHistory;
import dev.caretaker.drift.remediation.BusRemediationRequests;
import dev.caretaker.drift.remediation.RemediationRequests;
import dev.caretaker.events.EventBridgePublisher;
import dev.caretaker.observability.Observability;
import dev.caretaker.work.SqsEventJson;
import dev.caretaker.work.WorkerIdentity;
import dev.caretaker.work.WorkerRuntime;
import dev.caretaker.work.WorkerRuntimeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Lambda entry point of the drift worker: SQS batches of one-stack drift checks. */
public final class DriftWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, RequestStreamHandler {

    public static final WorkerIdentity IDENTITY =
            new WorkerIdentity("drift", "caretaker.drift", "DriftCheckCompleted", "DriftCheckFailed");

    /** Leaves room within the function timeout for listing the drifted resources and recording the result. */
    private static final Duration DETECTION_BUDGET = Duration.ofMinutes(4);
    /** One bucket for every CloudFormation call Caretaker's drift checks make in this account. */
    private static final String BUCKET = "cloudformation";

    private final WorkerRuntime runtime;
    private final SnapStartPriming priming;

    public DriftWorkerHandler() {
        this(AwsClientFactory.fromEnvironment());
    }

    /** The same wiring as in Lambda from an injected environment: what the local runtime and end-to-end tests use. */
    public DriftWorkerHandler(AwsClientFactory clients) {
        this(WorkerRuntimeFactory.fromEnvironment(IDENTITY, clients, DriftWorkerHandler::driftCheck));
    }

    DriftWorkerHandler(WorkerRuntime runtime) {
        this.runtime = runtime;
        this.priming = SnapStartPriming.register(runtime::prime);
    }

    static DriftCheck driftCheck(AwsClientFactory clients) {
        Clock clock = Clock.systemUTC();
        Supplier<DriftSettings> settings = new ConfiguredDriftSettings(ConfigProviderFactory.forWorker(clients, "drift", clock),
                DriftSettings.fromEnvironment(name -> clients.optional(name, null)));
        // The detector retries throttling itself, through the rate budget; SDK retries would bypass both.
        CloudFormationClient cloudFormation = clients.build(CloudFormationClient.builder()
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(strategy -> strategy.maxAttempts(1))), "CLOUDFORMATION");
        DynamoDbClient dynamo = clients.build(DynamoDbClient.builder(), "DYNAMODB");
        String stateTable = clients.require("STATE_TABLE");
        DynamoDbTokenBucketStore bucket = new DynamoDbTokenBucketStore(dynamo, stateTable, BUCKET);
        RateBudget budget = new ConfiguredRateBudget(settings, rate -> TokenBucket.perSecond(bucket, rate, clock, Sleeper.REAL));
        RemediationRequests remediations = new BusRemediationRequests(new EventBridgePublisher(
                clients.build(EventBridgeClient.builder(), "EVENTBRIDGE"), clients.require("EVENT_BUS_NAME")), clock);
        return new DriftCheck(new CloudFormationDriftDetector(cloudFormation, budget, Sleeper.REAL, clock, policy(clients)),
                new DynamoDbDriftHistory(dynamo, stateTable), settings, clock, DETECTION_BUDGET, remediations);
    }

    /**
     * AWS_MAX_ATTEMPTS, where set, bounds the detector's own throttling retries as it bounds the SDK's
     * elsewhere: tests and the local runtime set it to 1 to see throttling at once.
     */
    static DetectionPolicy policy(AwsClientFactory clients) {
        String maxAttempts = clients.optional("AWS_MAX_ATTEMPTS", null);
        if (maxAttempts == null) {
            return DetectionPolicy.DEFAULT;
        }
        int retries;
        try {
            retries = Math.max(0, Integer.parseInt(maxAttempts.strip()) - 1);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("AWS_MAX_ATTEMPTS must be a whole number, was '" + maxAttempts + "'");
        }
        DetectionPolicy defaults = DetectionPolicy.DEFAULT;
        return new DetectionPolicy(defaults.firstPoll(), defaults.maxPause(), retries, defaults.firstThrottlePause(),
                defaults.resourceRetries());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Observability.invocation(context, () -> runtime.process(event, context));
    }

    /**
     * What Lambda calls: its runtime client picks a stream handler first, so the event is read by
     * the function's own mapper instead of the runtime's SQSEvent mapping (a tenth of a cold start).
     * The typed form above serves the local runtime and the tests.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        SqsEventJson.write(handleRequest(SqsEventJson.read(input), context), output);
    }
}
