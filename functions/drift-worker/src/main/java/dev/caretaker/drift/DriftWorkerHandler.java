package dev.caretaker.drift;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.aws.SnapStartPriming;
import dev.caretaker.observability.Observability;
import dev.caretaker.work.WorkerIdentity;
import dev.caretaker.work.WorkerRuntime;
import dev.caretaker.work.WorkerRuntimeFactory;
import java.time.Duration;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/** Lambda entry point of the drift worker: SQS batches of one-stack drift checks. */
public final class DriftWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public static final WorkerIdentity IDENTITY =
            new WorkerIdentity("drift", "caretaker.drift", "DriftCheckCompleted", "DriftCheckFailed");

    /** Leaves room within the function timeout for listing the drifted resources and recording the result. */
    private static final Duration DETECTION_BUDGET = Duration.ofMinutes(4);

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
        CloudFormationClient cloudFormation = clients.build(CloudFormationClient.builder(), "CLOUDFORMATION");
        return new DriftCheck(new CloudFormationDriftDetector(cloudFormation,
                CloudFormationDriftDetector.Sleeper.REAL, Duration.ofSeconds(2)), DETECTION_BUDGET);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Observability.invocation(context, () -> runtime.process(event, context));
    }
}
