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
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The backup worker's function, for now: Caretaker's own state as JSON lines, with a manifest
 * that records the object's SHA-256 and item count. The manifest is ours, not the store's:
 * an S3-compatible server need not echo checksums back. Customer targets, retention and restore
 * come with the backup issue.
 */
public final class StateBackup implements Work {

    private final StateRecords records;
    private final BackupStore store;

    public StateBackup(StateRecords records, BackupStore store) {
        this.records = Objects.requireNonNull(records, "records");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public WorkResult run(WorkItem item, Job job) throws NoSuchAlgorithmException {
        List<Map<String, String>> all = records.readAll();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (Map<String, String> record : all) {
            lines.writeBytes(Json.write(record).getBytes(StandardCharsets.UTF_8));
            lines.write('\n');
        }
        byte[] content = lines.toByteArray();
        String prefix = "backups/state/" + job.id() + "/";
        String location = store.put(prefix + "state.jsonl", content, "application/x-ndjson");
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("jobId", job.id());
        manifest.put("source", records.source());
        manifest.put("object", location);
        manifest.put("items", all.size());
        manifest.put("bytes", content.length);
        manifest.put("sha256", sha256(content));
        // The manifest goes last: its presence says the backup is complete.
        String manifestLocation = store.put(prefix + "manifest.json", Json.write(manifest).getBytes(StandardCharsets.UTF_8),
                "application/json");
        Map<String, Object> data = new LinkedHashMap<>(manifest);
        data.put("manifest", manifestLocation);
        return new WorkResult(Severity.INFO, "backed up " + all.size() + " state records to " + location, data);
    }

    static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
