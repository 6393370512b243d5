package dev.caretaker.local.resources;

import java.util.Objects;

/** The engine adapters {@link TemplateResources} creates resources with. */
public record ResourceCreators(TableCreator tables, QueueCreator queues, BucketCreator buckets) {

    public ResourceCreators {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(buckets, "buckets");
    }
}
