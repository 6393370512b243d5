package dev.caretaker.local.resources;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A DynamoDB table to create, as the template declares it. Types are DynamoDB's own strings (S, N, B; HASH, RANGE; ALL, ...). */
public record TableDefinition(String logicalId, String tableName, List<Attribute> attributes, List<KeyElement> keySchema,
                              List<Index> globalSecondaryIndexes, Optional<Throughput> provisionedThroughput,
                              Optional<String> timeToLiveAttribute) {

    public TableDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(tableName, "tableName");
        attributes = List.copyOf(attributes);
        keySchema = List.copyOf(keySchema);
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
        Objects.requireNonNull(provisionedThroughput, "provisionedThroughput");
        Objects.requireNonNull(timeToLiveAttribute, "timeToLiveAttribute");
    }

    /** On-demand (PAY_PER_REQUEST) when no throughput is provisioned. */
    public boolean payPerRequest() {
        return provisionedThroughput.isEmpty();
    }

    public record Attribute(String name, String type) {
    }

    public record KeyElement(String attributeName, String keyType) {
    }

    public record Index(String name, List<KeyElement> keySchema, String projectionType, List<String> nonKeyAttributes,
                        Optional<Throughput> provisionedThroughput) {
        public Index {
            keySchema = List.copyOf(keySchema);
            nonKeyAttributes = List.copyOf(nonKeyAttributes);
        }
    }

    public record Throughput(long readCapacityUnits, long writeCapacityUnits) {
    }
}
