package dev.caretaker.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.aws.S3ExpectContinueDisabler;
import dev.caretaker.events.Severity;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.EmbeddedS3;
import dev.caretaker.testing.StateTables;
import dev.caretaker.work.DynamoDbDeadLetterLog;
import dev.caretaker.work.WorkItem;
import dev.caretaker.work.WorkResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A state backup from DynamoDB Local to an S3-compatible server (s3proxy), checked the way a
 * restore would check it: read both objects back and hold the data against its manifest.
 */
class StateBackupIT {

    private static final Instant T0 = Instant.parse("2026-11-21T04:00:00Z");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static EmbeddedDynamoDb dynamo;
    private static EmbeddedS3 s3;

    private final List<String> putKeys = new CopyOnWriteArrayList<>();
    private S3Client recordingS3;
    private String table;
    private String bucket;
    private DynamoDbJobStore jobs;

    @BeforeAll
    static void startEngines() {
        dynamo = EmbeddedDynamoDb.start();
        s3 = EmbeddedS3.start();
    }

    @AfterAll
    static void stopEngines() {
        s3.close();
        dynamo.close();
    }

    @BeforeEach
    void freshTableAndBucket() {
        table = "state-" + UUID.randomUUID();
        bucket = "artifacts-" + UUID.randomUUID();
        StateTables.createStateTable(dynamo.client(), table);
        s3.client().createBucket(b -> b.bucket(bucket));
        jobs = new DynamoDbJobStore(dynamo.client(), table);
        // Records which objects the backup wrote, in the order S3 accepted them.
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put) {
                    putKeys.add(put.key());
                }
            }
        };
        recordingS3 = s3.newClient(S3Client.builder().overrideConfiguration(o -> o
                .addExecutionInterceptor(new S3ExpectContinueDisabler()).addExecutionInterceptor(recorder)));
    }

    @AfterEach
    void closeClient() {
        recordingS3.close();
    }

    private Job backupJob() {
        return jobs.create(new JobRequest(JobType.BACKUP, "*", new JobTrigger.Schedule("backup", T0)), T0).job();
    }

    private WorkResult backUp(Job job) throws Exception {
        StateBackup backup = new StateBackup(new DynamoDbStateRecords(dynamo.client(), table), new S3BackupStore(recordingS3, bucket));
        return backup.run(new WorkItem(job.id(), JobType.BACKUP, "*", job.correlationId(), Map.of()), job);
    }

    private ResponseBytes<GetObjectResponse> read(String key) {
        return s3.client().getObjectAsBytes(b -> b.bucket(bucket).key(key));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<JsonNode> lines(byte[] jsonLines) throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : new String(jsonLines, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                parsed.add(Json.mapper().readTree(line));
            }
        }
        return parsed;
    }

    @Test
    void writesEveryRecordThenAManifestThatMatchesTheStoredBytes_whenBackingUpState() throws Exception {
        Job appA = jobs.create(new JobRequest(JobType.DRIFT_CHECK, "app-a", new JobTrigger.Parent("drift-parent", "app-a")), T0).job();
        Job appB = jobs.create(new JobRequest(JobType.DRIFT_CHECK, "app-b", new JobTrigger.Parent("drift-parent", "app-b")), T0).job();
        Job cost = jobs.create(new JobRequest(JobType.COST_REPORT, "*", new JobTrigger.Schedule("cost", T0)), T0).job();
        jobs.claim(appA.id(), T0, T0.plusSeconds(60));
        jobs.succeed(appA.id(), 1, Map.of("severity", "INFO", "summary", "app-a is IN_SYNC"), T0.plusSeconds(5));
        jobs.fail(appB.id(), null, "stack app-b does not exist", T0.plusSeconds(6));
        new DynamoDbDeadLetterLog(dynamo.client(), table).record("drift", "m-poison", "malformed work item: missing jobId",
                "{\"hello\":\"not a work item\"}", T0);
        Job backup = backupJob();
        int recordsInTable = dynamo.client().scan(b -> b.tableName(table)).count();
        String prefix = "backups/state/" + backup.id() + "/";

        WorkResult result = backUp(backup);

        assertThat(putKeys).as("the data first; the manifest last, its presence saying the backup is complete")
                .containsExactly(prefix + "state.jsonl", prefix + "manifest.json");
        ResponseBytes<GetObjectResponse> data = read(prefix + "state.jsonl");
        ResponseBytes<GetObjectResponse> manifestObject = read(prefix + "manifest.json");
        byte[] bytes = data.asByteArray();
        JsonNode manifest = Json.mapper().readTree(manifestObject.asByteArray());
        assertThat(manifest.get("sha256").asText()).isEqualTo(sha256(bytes));
        assertThat(manifest.get("bytes").asInt()).isEqualTo(bytes.length);
        assertThat(manifest.get("items").asInt()).isEqualTo(recordsInTable).isEqualTo(lines(bytes).size()).isEqualTo(5);
        assertThat(manifest.get("jobId").asText()).isEqualTo(backup.id());
        assertThat(manifest.get("source").asText()).isEqualTo("dynamodb:" + table);
        assertThat(manifest.get("object").asText()).isEqualTo("s3://" + bucket + "/" + prefix + "state.jsonl");
        assertThat(data.response().contentType()).isEqualTo("application/x-ndjson");
        assertThat(manifestObject.response().contentType()).isEqualTo("application/json");
        assertThat(lines(bytes)).extracting(line -> line.get("pk").asText()).containsExactlyInAnyOrder(
                "JOB#" + appA.id(), "JOB#" + appB.id(), "JOB#" + cost.id(), "JOB#" + backup.id(), "DEADLETTER#drift");
        assertThat(result.severity()).isEqualTo(Severity.INFO);
        assertThat(result.summary()).isEqualTo("backed up 5 state records to s3://" + bucket + "/" + prefix + "state.jsonl");
        assertThat(result.data()).containsEntry("manifest", "s3://" + bucket + "/" + prefix + "manifest.json")
                .containsEntry("sha256", sha256(bytes)).containsEntry("items", 5);
    }

    @Test
    void keepsEachRecordsValues_soARestoreHasThemAll() throws Exception {
        Job appA = jobs.create(new JobRequest(JobType.DRIFT_CHECK, "app-a", new JobTrigger.Parent("drift-parent", "app-a")), T0).job();
        jobs.claim(appA.id(), T0, T0.plusSeconds(60));
        jobs.succeed(appA.id(), 1, Map.of("summary", "app-a is IN_SYNC"), T0.plusSeconds(5));
        Job backup = backupJob();

        backUp(backup);

        JsonNode line = lines(read("backups/state/" + backup.id() + "/state.jsonl").asByteArray()).stream()
                .filter(node -> node.get("pk").asText().equals("JOB#" + appA.id())).findFirst().orElseThrow();
        assertThat(line.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(line.get("target").asText()).isEqualTo("app-a");
        assertThat(line.get("attempts").asText()).isEqualTo("1");
        assertThat(Json.mapper().readTree(line.get("result").asText()).get("summary").asText()).isEqualTo("app-a is IN_SYNC");
    }

    @Test
    void rewritesTheSameTwoObjects_whenTheSameBackupJobRunsAgain() throws Exception {
        Job backup = backupJob();
        backUp(backup);
        jobs.create(new JobRequest(JobType.DRIFT_CHECK, "app-late", new JobTrigger.Parent("drift-parent", "app-late")), T0);

        backUp(backup);

        List<String> keys = s3.client().listObjectsV2(b -> b.bucket(bucket).prefix("backups/")).contents().stream()
                .map(S3Object::key).toList();
        assertThat(keys).containsExactlyInAnyOrder("backups/state/" + backup.id() + "/state.jsonl",
                "backups/state/" + backup.id() + "/manifest.json");
        byte[] bytes = read("backups/state/" + backup.id() + "/state.jsonl").asByteArray();
        JsonNode manifest = Json.mapper().readTree(read("backups/state/" + backup.id() + "/manifest.json").asByteArray());
        assertThat(manifest.get("sha256").asText()).isEqualTo(sha256(bytes));
        assertThat(manifest.get("items").asInt()).isEqualTo(2);
    }

    @Test
    void writesAnEmptyObjectWithItsChecksum_whenThereIsNothingToBackUp() throws Exception {
        // The backup job's own record lives elsewhere here: a job that is not in this table.
        Job outside = Job.queued(new JobRequest(JobType.BACKUP, "*", new JobTrigger.Manual("empty")), T0);

        WorkResult result = backUp(outside);

        byte[] bytes = read("backups/state/" + outside.id() + "/state.jsonl").asByteArray();
        JsonNode manifest = Json.mapper().readTree(read("backups/state/" + outside.id() + "/manifest.json").asByteArray());
        assertThat(bytes).isEmpty();
        assertThat(manifest.get("items").asInt()).isZero();
        assertThat(manifest.get("bytes").asInt()).isZero();
        assertThat(manifest.get("sha256").asText()).isEqualTo(EMPTY_SHA256);
        assertThat(result.summary()).startsWith("backed up 0 state records");
    }
}
