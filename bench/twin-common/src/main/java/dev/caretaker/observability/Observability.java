package dev.caretaker.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The default-wired twin's observability (benchmark only): the twin's handler carries Powertools'
 * {@code @Logging} and {@code @FlushMetrics}, woven by AspectJ, so the plain-API wrapper the
 * functions use becomes a pass-through here.
 */
public final class Observability {

    private Observability() {
    }

    public static <T> T invocation(Context context, Supplier<T> body) {
        return body.get();
    }

    public static Metrics metrics(String namespace) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(namespace);
        return metrics;
    }
}
