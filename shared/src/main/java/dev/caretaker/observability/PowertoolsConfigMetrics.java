package dev.caretaker.observability;

import dev.caretaker.config.ConfigMetrics;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Configuration reloads as EMF metrics, each flushed at once as its own record (a reload happens
 * mid-invocation, and a rejected configuration must be counted even if the invocation then fails):
 * ConfigRejected (alarm on it: the template does), ConfigAccepted, ConfigUnreadable; dimension
 * service.
 */
public final class PowertoolsConfigMetrics implements ConfigMetrics {

    public static final String REJECTED = "ConfigRejected";
    public static final String ACCEPTED = "ConfigAccepted";
    public static final String UNREADABLE = "ConfigUnreadable";

    private final Metrics metrics;
    private final String namespace;
    private final String service;

    public PowertoolsConfigMetrics(Metrics metrics, String namespace, String service) {
        this.metrics = metrics;
        this.namespace = namespace;
        this.service = service;
    }

    @Override
    public void accepted() {
        flush(ACCEPTED);
    }

    @Override
    public void rejected(int problems) {
        flush(REJECTED);
    }

    @Override
    public void unreadable() {
        flush(UNREADABLE);
    }

    private void flush(String name) {
        metrics.flushSingleMetric(name, 1, MetricUnit.COUNT, namespace, DimensionSet.of("service", service));
    }
}
