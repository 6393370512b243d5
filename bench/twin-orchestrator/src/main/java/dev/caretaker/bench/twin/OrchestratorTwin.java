package dev.caretaker.bench.twin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.caretaker.orchestrator.OrchestratorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/**
 * The cold-start reference for the orchestrator (benchmark only): its handler logic, wired the default way
 * by twin-common's client factory, with Powertools' annotations woven by AspectJ in place of the
 * plain API.
 */
public final class OrchestratorTwin implements RequestStreamHandler {

    private final OrchestratorHandler handler = new OrchestratorHandler();

    @Override
    @Logging
    @FlushMetrics(namespace = "Caretaker", service = "caretaker")
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handler.handleRequest(input, output, context);
    }
}
