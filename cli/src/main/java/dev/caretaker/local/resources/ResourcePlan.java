package dev.caretaker.local.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link TemplateResources} creates for a template, and every resource it leaves out with
 * the reason. Queues come dead-letter queues first, so a redrive policy always finds its target.
 */
public record ResourcePlan(List<TableDefinition> tables, List<QueueDefinition> queues, List<BucketDefinition> buckets,
                           List<EventBusDefinition> eventBuses, Map<String, String> notCreated) {

    public ResourcePlan {
        tables = List.copyOf(tables);
        queues = List.copyOf(queues);
        buckets = List.copyOf(buckets);
        eventBuses = List.copyOf(eventBuses);
        notCreated = Map.copyOf(notCreated);
    }

    /** The logical ids of everything created, tables, queues, buckets and buses in that order. */
    public List<String> createdLogicalIds() {
        List<String> ids = new ArrayList<>();
        tables.forEach(table -> ids.add(table.logicalId()));
        queues.forEach(queue -> ids.add(queue.logicalId()));
        buckets.forEach(bucket -> ids.add(bucket.logicalId()));
        eventBuses.forEach(bus -> ids.add(bus.logicalId()));
        return List.copyOf(ids);
    }
}
