package dev.caretaker.local.resources;

/** Creates a table on an engine (see {@link DynamoDbTableCreator}). */
@FunctionalInterface
public interface TableCreator {
    LocalResource create(TableDefinition table);
}
