package dev.caretaker.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.caretaker.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link JobStore} on the single Caretaker state table.
 *
 * <p>A job is the item {@code pk = JOB#<id>, sk = JOB}. Four sparse-free GSIs serve the listings,
 * all sorted by {@code created} (fixed-width timestamp + id, so lexical order is time order):
 * {@code byTypeStatus}, {@code byType}, {@code byStatus} and {@code byCreated}. Every write that
 * changes the status rewrites the index keys in the same conditional update.
 */
public final class DynamoDbJobStore implements JobStore {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String CREATED = "created";
    public static final String INDEX_BY_TYPE_STATUS = "byTypeStatus";
    public static final String INDEX_BY_TYPE = "byType";
    public static final String INDEX_BY_STATUS = "byStatus";
    public static final String INDEX_BY_CREATED = "byCreated";
    public static final String TYPE_STATUS_KEY = "typeStatus";
    public static final String TYPE_KEY = "jobType";
    public static final String STATUS_KEY = "jobStatus";
    public static final String ALL_KEY = "kind";

    private static final String JOB_SK = "JOB";
    private static final String ALL_JOBS = "JOB";
    private static final DateTimeFormatter FIXED_INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_ERROR_CHARS = 4_000;

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoDbJobStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public CreateOutcome create(JobRequest request, Instant now) {
        Job job = Job.queued(request, now);
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(toItem(job))
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new CreateOutcome.Created(job);
        } catch (ConditionalCheckFailedException duplicate) {
            Job existing = duplicate.hasItem() ? fromItem(duplicate.item()) : find(job.id()).orElseThrow(
                    () -> new IllegalStateException("job " + job.id() + " reported as existing but not found"));
            return new CreateOutcome.AlreadyExists(existing);
        }
    }

    @Override
    public Optional<Job> find(String jobId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(key(jobId))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public ClaimOutcome claim(String jobId, Instant now, Instant leaseUntil) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":queued", s(JobStatus.QUEUED.name()));
        values.put(":running", s(JobStatus.RUNNING.name()));
        values.put(":nowMillis", n(now.toEpochMilli()));
        values.put(":lease", n(leaseUntil.toEpochMilli()));
        values.put(":now", s(format(now)));
        values.put(":one", n(1));
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(key(jobId))
                    .conditionExpression("attribute_exists(pk) AND (#status = :queued"
                            + " OR (#status = :running AND leaseUntil < :nowMillis))")
                    .updateExpression("SET #status = :running, attempts = attempts + :one, updatedAt = :now,"
                            + " startedAt = if_not_exists(startedAt, :now), leaseUntil = :lease,"
                            + " jobStatus = :running, typeStatus = :typeStatus")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(withTypeStatus(values, jobId, JobStatus.RUNNING))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
            return new ClaimOutcome.Claimed(fromItem(item));
        } catch (ConditionalCheckFailedException refused) {
            Optional<Job> current = refused.hasItem() && !refused.item().isEmpty()
                    ? Optional.of(fromItem(refused.item())) : find(jobId);
            if (current.isEmpty()) {
                return new ClaimOutcome.NotFound(jobId);
            }
            Job job = current.get();
            return job.status().isTerminal() ? new ClaimOutcome.AlreadyFinished(job) : new ClaimOutcome.HeldByAnother(job);
        }
    }

    @Override
    public Job succeed(String jobId, int attempt, Map<String, Object> result, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":result", s(Json.write(result == null ? Map.of() : result)));
        return finishFromRunning(jobId, attempt, JobStatus.SUCCEEDED, "#result = :result", values, now);
    }

    @Override
    public Job fail(String jobId, Integer attempt, String error, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":error", s(truncate(error)));
        if (attempt != null) {
            return finishFromRunning(jobId, attempt, JobStatus.FAILED, "#error = :error", values, now);
        }
        values.put(":queued", s(JobStatus.QUEUED.name()));
        values.put(":running", s(JobStatus.RUNNING.name()));
        return transition(jobId, JobStatus.FAILED, "#status IN (:queued, :running)",
                "#error = :error, finishedAt = :now", values, now, "it has already finished");
    }

    @Override
    public Job release(String jobId, int attempt, String error, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":error", s(truncate(error)));
        values.put(":running", s(JobStatus.RUNNING.name()));
        values.put(":attempt", n(attempt));
        return transition(jobId, JobStatus.QUEUED, "#status = :running AND attempts = :attempt",
                "#error = :error", values, now, "it is not RUNNING under attempt " + attempt);
    }

    @Override
    public Job cancel(String jobId, String reason, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":error", s(truncate(reason)));
        values.put(":queued", s(JobStatus.QUEUED.name()));
        values.put(":running", s(JobStatus.RUNNING.name()));
        return transition(jobId, JobStatus.CANCELLED, "#status IN (:queued, :running)",
                "#error = :error, finishedAt = :now", values, now, "it has already finished");
    }

    private Job finishFromRunning(String jobId, int attempt, JobStatus to, String set,
                                  Map<String, AttributeValue> values, Instant now) {
        values.put(":running", s(JobStatus.RUNNING.name()));
        values.put(":attempt", n(attempt));
        return transition(jobId, to, "#status = :running AND attempts = :attempt",
                set + ", finishedAt = :now", values, now,
                "it is not RUNNING under attempt " + attempt);
    }

    /**
     * One conditional update that moves a job to {@code to}, or a clear error naming its actual
     * state. {@code set} holds the transition's own SET assignments.
     */
    private Job transition(String jobId, JobStatus to, String condition, String set,
                           Map<String, AttributeValue> values, Instant now, String refusal) {
        values.put(":to", s(to.name()));
        values.put(":now", s(format(now)));
        // Every transition a store method makes leaves RUNNING or never entered it: no lease survives it.
        String update = "SET #status = :to, updatedAt = :now, jobStatus = :to, typeStatus = :typeStatus, " + set
                + " REMOVE leaseUntil";
        Map<String, String> names = new HashMap<>();
        names.put("#status", "status");
        for (String reserved : new String[] {"error", "result"}) {
            if (update.contains("#" + reserved)) {
                names.put("#" + reserved, reserved);
            }
        }
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(key(jobId))
                    .conditionExpression("attribute_exists(pk) AND " + condition)
                    .updateExpression(update)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(withTypeStatus(values, jobId, to))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
            return fromItem(item);
        } catch (ConditionalCheckFailedException refused) {
            Optional<Job> current = refused.hasItem() && !refused.item().isEmpty()
                    ? Optional.of(fromItem(refused.item())) : find(jobId);
            throw new IllegalJobTransitionException(jobId, current.map(Job::status).orElse(null), to,
                    current.isEmpty() ? "no such job" : refusal);
        }
    }

    /**
     * The type/status index key needs the job's type, which the id's prefix names; reading it from
     * the id keeps every transition a single round trip.
     */
    private static Map<String, AttributeValue> withTypeStatus(Map<String, AttributeValue> values, String jobId,
                                                              JobStatus to) {
        values.put(":typeStatus", s(typeOf(jobId).name() + "#" + to.name()));
        return values;
    }

    private static JobType typeOf(String jobId) {
        String prefix = jobId.substring(0, Math.max(0, jobId.indexOf('-')));
        for (JobType type : JobType.values()) {
            if (type.idPrefix().equals(prefix)) {
                return type;
            }
        }
        throw new IllegalArgumentException("'" + jobId + "' is not a job id");
    }

    @Override
    public JobPage list(JobQuery query) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .scanIndexForward(false)
                .limit(query.limit());
        if (query.type() != null && query.status() != null) {
            request.indexName(INDEX_BY_TYPE_STATUS).keyConditionExpression("typeStatus = :k")
                    .expressionAttributeValues(Map.of(":k", s(query.type().name() + "#" + query.status().name())));
        } else if (query.type() != null) {
            request.indexName(INDEX_BY_TYPE).keyConditionExpression("jobType = :k")
                    .expressionAttributeValues(Map.of(":k", s(query.type().name())));
        } else if (query.status() != null) {
            request.indexName(INDEX_BY_STATUS).keyConditionExpression("jobStatus = :k")
                    .expressionAttributeValues(Map.of(":k", s(query.status().name())));
        } else {
            request.indexName(INDEX_BY_CREATED).keyConditionExpression("kind = :k")
                    .expressionAttributeValues(Map.of(":k", s(ALL_JOBS)));
        }
        if (query.pageToken() != null) {
            request.exclusiveStartKey(PageTokens.decode(query.pageToken()));
        }
        QueryResponse response = dynamo.query(request.build());
        List<Job> jobs = new ArrayList<>(response.count());
        response.items().forEach(item -> jobs.add(fromItem(item)));
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? PageTokens.encode(response.lastEvaluatedKey()) : null;
        return new JobPage(jobs, next);
    }

    private static Map<String, AttributeValue> key(String jobId) {
        return Map.of(PK, s("JOB#" + jobId), SK, s(JOB_SK));
    }

    private static Map<String, AttributeValue> toItem(Job job) {
        Map<String, AttributeValue> item = new HashMap<>(key(job.id()));
        item.put("id", s(job.id()));
        item.put("type", s(job.type().name()));
        item.put("target", s(job.target()));
        item.put("triggerKind", s(job.triggerKind()));
        item.put("triggerKey", s(job.triggerKey()));
        item.put("status", s(job.status().name()));
        item.put("attempts", n(job.attempts()));
        item.put("createdAt", s(format(job.createdAt())));
        item.put("updatedAt", s(format(job.updatedAt())));
        item.put("correlationId", s(job.correlationId()));
        if (job.parentId() != null) {
            item.put("parentId", s(job.parentId()));
        }
        item.put(CREATED, s(format(job.createdAt()) + "#" + job.id()));
        item.put(TYPE_STATUS_KEY, s(job.type().name() + "#" + job.status().name()));
        item.put(TYPE_KEY, s(job.type().name()));
        item.put(STATUS_KEY, s(job.status().name()));
        item.put(ALL_KEY, s(ALL_JOBS));
        return item;
    }

    static Job fromItem(Map<String, AttributeValue> item) {
        return new Job(
                str(item, "id"),
                JobType.valueOf(str(item, "type")),
                str(item, "target"),
                str(item, "triggerKind"),
                str(item, "triggerKey"),
                JobStatus.valueOf(str(item, "status")),
                Integer.parseInt(item.get("attempts").n()),
                instant(str(item, "createdAt")),
                instant(str(item, "updatedAt")),
                instant(str(item, "startedAt")),
                instant(str(item, "finishedAt")),
                item.containsKey("leaseUntil") ? Instant.ofEpochMilli(Long.parseLong(item.get("leaseUntil").n())) : null,
                str(item, "parentId"),
                str(item, "correlationId"),
                item.containsKey("result") ? Json.read(item.get("result").s(), new TypeReference<LinkedHashMap<String, Object>>() { }) : Map.of(),
                str(item, "error"));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    static String format(Instant instant) {
        return FIXED_INSTANT.format(instant);
    }

    private static String truncate(String error) {
        String text = error == null || error.isBlank() ? "unknown error" : error;
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** Page tokens are the index's LastEvaluatedKey (all string attributes) as base64url JSON. */
    static final class PageTokens {

        private static final Set<String> KEY_ATTRIBUTES =
                Set.of(PK, SK, CREATED, TYPE_STATUS_KEY, TYPE_KEY, STATUS_KEY, ALL_KEY);

        private PageTokens() {
        }

        static String encode(Map<String, AttributeValue> key) {
            Map<String, String> plain = new LinkedHashMap<>();
            key.forEach((name, value) -> plain.put(name, value.s()));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
        }

        static Map<String, AttributeValue> decode(String token) {
            Map<String, String> plain;
            try {
                String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                plain = Json.mapper().readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
            } catch (IllegalArgumentException | JsonProcessingException e) {
                throw new IllegalArgumentException("invalid page token: not one this API issued");
            }
            if (plain == null || plain.isEmpty() || !KEY_ATTRIBUTES.containsAll(plain.keySet())) {
                throw new IllegalArgumentException("invalid page token: not one this API issued");
            }
            Map<String, AttributeValue> key = new HashMap<>();
            plain.forEach((name, value) -> key.put(name, s(value)));
            return key;
        }
    }
}
