package dev.caretaker.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Powertools logging and metrics through the plain API: the same structured JSON logs and EMF
 * metrics as the annotations, without AspectJ weaving (no cold-start difference measured, one
 * dependency fewer: ../shared/notes/coldstart.md).
 */
public final class Observability {

    /** The SDK's loggers never log below this, whatever level the function's own loggers run at. */
    static final Level SDK_LEVEL = Level.WARN;
    static final String SDK_LOGGERS = "software.amazon.awssdk";

    static {
        quietTheSdk();
    }

    private Observability() {
    }

    /**
     * Powertools' logging, when its class initialises, applies POWERTOOLS_LOG_LEVEL (or Lambda's
     * AWS_LAMBDA_LOG_LEVEL) to every logger, overriding log4j2.xml; at DEBUG the SDK then logs each
     * request's canonical form, signed headers included: the session token would be in the logs. So
     * Powertools initialises first, and the SDK's loggers go back to {@link #SDK_LEVEL} after it.
     */
    static void quietTheSdk() {
        try {
            Class.forName(PowertoolsLogging.class.getName(), true, Observability.class.getClassLoader());
        } catch (ClassNotFoundException impossible) {
            throw new IllegalStateException("Powertools logging is on the classpath it was compiled against", impossible);
        }
        Configurator.setLevel(SDK_LOGGERS, SDK_LEVEL);
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
