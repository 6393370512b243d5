package dev.caretaker.bench.twin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.caretaker.backup.BackupWorkerHandler;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/**
 * The cold-start reference for the backup-worker (benchmark only): its handler logic, wired the default way
 * by twin-common's client factory, with Powertools' annotations woven by AspectJ in place of the
 * plain API.
 */
public final class BackupWorkerTwin implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final BackupWorkerHandler handler = new BackupWorkerHandler();

    @Override
    @Logging
    @FlushMetrics(namespace = "Caretaker", service = "caretaker")
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return handler.handleRequest(event, context);
    }
}
