package dev.caretaker.local.events;

import dev.caretaker.local.resources.LocalTemplateException;
import dev.caretaker.local.resources.TemplateRefs;
import dev.caretaker.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How queues map to functions: the {@code Events} of type SQS of each SAM function. Settings that
 * would change which messages a function sees ({@code FilterCriteria}, say) are refused rather
 * than ignored.
 */
public final class SqsEventSources {

    private static final Set<String> SUPPORTED = Set.of("Queue", "BatchSize", "FunctionResponseTypes",
            "MaximumBatchingWindowInSeconds", "ScalingConfig", "Enabled");
    private static final int DEFAULT_BATCH_SIZE = 10;

    private SqsEventSources() {
    }

    /** Every enabled SQS event source of the template, in document order. */
    public static List<SqsEventSource> fromTemplate(Template template) {
        List<SqsEventSource> sources = new ArrayList<>();
        for (Template.Resource function : template.resourcesOfType("AWS::Serverless::Function").values()) {
            if (!(function.properties().get("Events") instanceof Map<?, ?> events)) {
                continue;
            }
            events.forEach((name, event) -> {
                if (event instanceof Map<?, ?> definition && "SQS".equals(definition.get("Type"))) {
                    Map<?, ?> properties = definition.get("Properties") instanceof Map<?, ?> map ? map : Map.of();
                    if (!Boolean.FALSE.equals(properties.get("Enabled"))) {
                        sources.add(source(template, function.logicalId(), name.toString(), properties));
                    }
                }
            });
        }
        return List.copyOf(sources);
    }

    /** The event source reading {@code queueLogicalId}; fails naming the queues that have one. */
    public static SqsEventSource forQueue(List<SqsEventSource> sources, String queueLogicalId) {
        return sources.stream().filter(source -> source.queueLogicalId().equals(queueLogicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function reads " + queueLogicalId + "; queues with a reader: "
                        + sources.stream().map(SqsEventSource::queueLogicalId).toList()));
    }

    private static SqsEventSource source(Template template, String function, String name, Map<?, ?> properties) {
        String where = function + ".Events." + name;
        List<String> unsupported = properties.keySet().stream().map(Object::toString).filter(key -> !SUPPORTED.contains(key)).sorted().toList();
        if (!unsupported.isEmpty()) {
            throw new LocalTemplateException(where + " uses " + unsupported + ", which local SQS polling does not support");
        }
        String queue = TemplateRefs.requireLogicalId(properties.get("Queue"), where + ".Queue");
        Template.Resource queueResource = template.resources().get(queue);
        if (queueResource == null || !queueResource.type().equals("AWS::SQS::Queue")) {
            throw new LocalTemplateException(where + ".Queue must point at a queue of the template, found " + queue);
        }
        boolean reportFailures = properties.get("FunctionResponseTypes") instanceof List<?> types
                && types.contains("ReportBatchItemFailures");
        OptionalInt concurrency = properties.get("ScalingConfig") instanceof Map<?, ?> scaling
                && scaling.get("MaximumConcurrency") != null
                ? OptionalInt.of(number(scaling.get("MaximumConcurrency"), where + ".ScalingConfig.MaximumConcurrency"))
                : OptionalInt.empty();
        int batchSize = properties.containsKey("BatchSize") ? number(properties.get("BatchSize"), where + ".BatchSize") : DEFAULT_BATCH_SIZE;
        Duration window = properties.containsKey("MaximumBatchingWindowInSeconds")
                ? Duration.ofSeconds(number(properties.get("MaximumBatchingWindowInSeconds"), where + ".MaximumBatchingWindowInSeconds"))
                : Duration.ZERO;
        return new SqsEventSource(function, name, queue, batchSize, reportFailures, window, concurrency);
    }

    private static int number(Object value, String where) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new LocalTemplateException(where + " must be a whole number, found " + value);
        }
    }
}
