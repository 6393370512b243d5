package dev.caretaker.bench.twin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.caretaker.deployment.DeploymentTaskHandler;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/**
 * The cold-start reference for the deployment-worker (benchmark only): its handler logic, wired the default way
 * by twin-common's client factory, with Powertools' annotations woven by AspectJ in place of the
 * plain API.
 */
public final class DeploymentWorkerTwin implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DeploymentTaskHandler handler = new DeploymentTaskHandler();

    @Override
    @Logging
    @FlushMetrics(namespace = "Caretaker", service = "caretaker")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return handler.handleRequest(event, context);
    }
}
