package dev.caretaker.backup;

import dev.caretaker.events.Severity;
import dev.caretaker.job.Job;
import dev.caretaker.json.Json;
import dev.caretaker.work.Work;
import dev.caretaker.work.WorkItem;
import dev.caretaker.work.WorkResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The backup worker's function, for now: Caretaker's own state (the state table) to the artifacts
 * bucket as JSON lines, with a manifest that records the object's SHA-256 and item count. The
 * S3-compatible server used in tests does not echo checksums back, so the manifest is ours.
 * Customer targets, retention and restore come with the backup issue.
 */
public final class StateBackup implements Work {

    private final DynamoDbClient dynamo;
    private final String stateTable;
    private final S3Client s3;
    private final String bucket;

    public StateBackup(DynamoDbClient dynamo, String stateTable, S3Client s3, String bucket) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.stateTable = Objects.requireNonNull(stateTable, "stateTable");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public WorkResult run(WorkItem item, Job job) throws NoSuchAlgorithmException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        int count = 0;
        for (var page : dynamo.scanPaginator(request -> request.tableName(stateTable).consistentRead(true))) {
            for (Map<String, AttributeValue> record : page.items()) {
                lines.writeBytes(Json.write(plain(record)).getBytes(StandardCharsets.UTF_8));
                lines.write('\n');
                count++;
            }
        }
        byte[] content = lines.toByteArray();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        String prefix = "backups/state/" + job.id() + "/";
        s3.putObject(request -> request.bucket(bucket).key(prefix + "state.jsonl").contentType("application/x-ndjson"),
                RequestBody.fromBytes(content));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("jobId", job.id());
        manifest.put("source", "dynamodb:" + stateTable);
        manifest.put("object", prefix + "state.jsonl");
        manifest.put("items", count);
        manifest.put("bytes", content.length);
        manifest.put("sha256", sha256);
        // The manifest goes last: its presence says the backup is complete.
        s3.putObject(request -> request.bucket(bucket).key(prefix + "manifest.json").contentType("application/json"),
                RequestBody.fromString(Json.write(manifest)));
        return new WorkResult(Severity.INFO, "backed up " + count + " state records to s3://" + bucket + "/" + prefix, manifest);
    }

    private static Map<String, Object> plain(Map<String, AttributeValue> record) {
        Map<String, Object> plain = new LinkedHashMap<>();
        record.forEach((name, value) -> plain.put(name, value.s() != null ? value.s() : value.n() != null ? value.n() : value.toString()));
        return plain;
    }
}
