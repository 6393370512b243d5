package dev.caretaker.backup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.aws.SnapStartPriming;
import dev.caretaker.observability.Observability;
import dev.caretaker.work.SqsEventJson;
import dev.caretaker.work.WorkerIdentity;
import dev.caretaker.work.WorkerRuntime;
import dev.caretaker.work.WorkerRuntimeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lambda entry point of the backup worker. */
public final class BackupWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, RequestStreamHandler {

    public static final WorkerIdentity IDENTITY =
            new WorkerIdentity("backup", "caretaker.backup", "BackupCompleted", "BackupFailed");

    private final WorkerRuntime runtime;
    private final SnapStartPriming priming;

    public BackupWorkerHandler() {
        this(AwsClientFactory.fromEnvironment());
    }

    /** The same wiring as in Lambda from an injected environment: what the local runtime and end-to-end tests use. */
    public BackupWorkerHandler(AwsClientFactory clients) {
        this(WorkerRuntimeFactory.fromEnvironment(IDENTITY, clients, BackupWorkerHandler::stateBackup));
    }

    BackupWorkerHandler(WorkerRuntime runtime) {
        this.runtime = runtime;
        this.priming = SnapStartPriming.register(runtime::prime);
    }

    static StateBackup stateBackup(AwsClientFactory clients) {
        return new StateBackup(
                new DynamoDbStateRecords(clients.build(DynamoDbClient.builder(), "DYNAMODB"), clients.require("STATE_TABLE")),
                new S3BackupStore(clients.s3(), clients.require("ARTIFACTS_BUCKET")));
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
