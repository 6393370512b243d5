package dev.caretaker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

class PowertoolsConfigMetricsTest {

    private final List<List<Object>> flushed = new ArrayList<>();
    // Powertools' Metrics is an interface: a proxy records the single-metric flushes and refuses anything else.
    private final Metrics metrics = (Metrics) Proxy.newProxyInstance(Metrics.class.getClassLoader(), new Class<?>[] {Metrics.class},
            (proxy, method, args) -> {
                if (!method.getName().equals("flushSingleMetric") || args.length != 5) {
                    throw new AssertionError("unexpected call " + method.getName());
                }
                flushed.add(List.of(args));
                return null;
            });

    @Test
    void flushesEachOutcomeAtOnce_asItsOwnMetricWithTheConfigDimension() {
        PowertoolsConfigMetrics config = new PowertoolsConfigMetrics(metrics, "Caretaker", "config");

        config.accepted();
        config.rejected(3);
        config.unreadable();

        assertThat(flushed).extracting(call -> call.get(0)).containsExactly("ConfigAccepted", "ConfigRejected", "ConfigUnreadable");
        assertThat(flushed).allSatisfy(call -> {
            assertThat(call.get(1)).isEqualTo(1.0);
            assertThat(call.get(2)).isEqualTo(MetricUnit.COUNT);
            assertThat(call.get(3)).isEqualTo("Caretaker");
            assertThat(((DimensionSet) call.get(4)).getDimensions()).containsExactly(Map.entry("service", "config"));
        });
    }
}
