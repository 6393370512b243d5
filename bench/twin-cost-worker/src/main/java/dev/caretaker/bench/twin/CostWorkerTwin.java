package dev.caretaker.bench.twin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.caretaker.cost.CostWorkerHandler;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/**
 * The cold-start reference for the cost-worker (benchmark only): its handler logic, wired the default way
 * by twin-common's client factory, with Powertools' annotations woven by AspectJ in place of the
 * plain API.
 */
public final class CostWorkerTwin implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final CostWorkerHandler handler = new CostWorkerHandler();

    @Override
    @Logging
    @FlushMetrics(namespace = "Caretaker", service = "caretaker")
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return handler.handleRequest(event, context);
    }
}
