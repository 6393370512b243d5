package dev.caretaker.backup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link StateRecords} by a consistent, paginated scan of the state table. */
public final class DynamoDbStateRecords implements StateRecords {

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoDbStateRecords(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public String source() {
        return "dynamodb:" + tableName;
    }

    @Override
    public List<Map<String, String>> readAll() {
        List<Map<String, String>> records = new ArrayList<>();
        dynamo.scanPaginator(request -> request.tableName(tableName).consistentRead(true)).items().forEach(item -> {
            Map<String, String> plain = new LinkedHashMap<>();
            item.forEach((name, value) -> plain.put(name, value.s() != null ? value.s() : value.n() != null ? value.n() : value.toString()));
            records.add(plain);
        });
        return records;
    }
}
