package dev.caretaker.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Powertools logging and metrics through the plain API: the same structured JSON logs and EMF
 * metrics as the annotations, without AspectJ weaving (no cold-start difference measured, one
 * dependency fewer: ../shared/notes/coldstart.md).
 */
public final class Observability {

    private Observability() {
    }

    /** Runs one invocation with the Lambda context's fields (request id, cold start, function) in every log line. */
    public static <T> T invocation(Context context, Supplier<T> body) {
        if (context == null) {
            return body.get();
        }
        return PowertoolsLogging.withLogging(context, body);
    }

    /**
     * The process-wide Powertools metrics instance, with its namespace set explicitly: Powertools
     * refuses to flush without one, and reads it only from the process environment.
     */
    public static Metrics metrics(String namespace) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(namespace);
        return metrics;
    }
}
