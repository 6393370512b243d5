package dev.caretaker.local.resources;

import dev.caretaker.template.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates on the local engines exactly the template's DynamoDB tables, SQS queues, S3 buckets and
 * event buses, with the properties that change how the code behaves against them (keys, indexes,
 * TTL, redrive, visibility timeout, retention, versioning). Everything else in the template is
 * either knowingly left out ({@link NotCreatedLocally}) or an error.
 */
public final class TemplateResources {

    private static final SupportedProperties TABLE = new SupportedProperties("AWS::DynamoDB::Table",
            Set.of("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode", "ProvisionedThroughput",
                    "TimeToLiveSpecification"),
            Map.of("TableName", "local names derive from the logical id",
                    "PointInTimeRecoverySpecification", "DynamoDB Local keeps no backups",
                    "SSESpecification", "local engines keep data unencrypted in memory",
                    "DeletionProtectionEnabled", "local tables end with the process",
                    "TableClass", "DynamoDB Local has one storage class",
                    "Tags", "nothing reads tags locally"));
    private static final SupportedProperties QUEUE = new SupportedProperties("AWS::SQS::Queue",
            Set.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds",
                    "MaximumMessageSize", "RedrivePolicy"),
            Map.of("QueueName", "local names derive from the logical id",
                    "KmsMasterKeyId", "local engines keep data unencrypted in memory",
                    "KmsDataKeyReusePeriodSeconds", "local engines keep data unencrypted in memory",
                    "SqsManagedSseEnabled", "local engines keep data unencrypted in memory",
                    "Tags", "nothing reads tags locally"));
    private static final SupportedProperties BUCKET = new SupportedProperties("AWS::S3::Bucket",
            Set.of("VersioningConfiguration"),
            Map.of("BucketName", "local names derive from the logical id",
                    "BucketEncryption", "local engines keep data unencrypted in memory",
                    "PublicAccessBlockConfiguration", "s3proxy on loopback is reachable from this machine only",
                    "OwnershipControls", "s3proxy has one owner, the local account",
                    "LifecycleConfiguration", "s3proxy applies no lifecycle rules; objects live as long as the process",
                    "Tags", "nothing reads tags locally"));
    private static final SupportedProperties EVENT_BUS = new SupportedProperties("AWS::Events::EventBus",
            Set.of(),
            Map.of("Name", "local names derive from the logical id",
                    "Description", "descriptive only",
                    "KmsKeyIdentifier", "local events are not encrypted",
                    "DeadLetterConfig", "LocalEventBus keeps failed deliveries in its event log instead",
                    "Tags", "nothing reads tags locally"));

    private final Template template;
    private final ResourceNaming naming;

    public TemplateResources(Template template, ResourceNaming naming) {
        this.template = Objects.requireNonNull(template, "template");
        this.naming = Objects.requireNonNull(naming, "naming");
    }

    /**
     * What {@link #create} would create, checked but not applied.
     *
     * @throws LocalTemplateException naming each resource of an undecided type, unsupported property or bad value
     */
    public ResourcePlan plan(TemplateParameters parameters) {
        Intrinsics values = new Intrinsics(template, parameters, Map.of());
        List<TableDefinition> tables = new ArrayList<>();
        Map<String, QueueDefinition> queues = new LinkedHashMap<>();
        List<BucketDefinition> buckets = new ArrayList<>();
        List<EventBusDefinition> buses = new ArrayList<>();
        Map<String, String> notCreated = new LinkedHashMap<>();
        List<String> undecided = new ArrayList<>();
        for (Template.Resource resource : template.resources().values()) {
            try {
                planOne(resource, values, tables, queues, buckets, buses, notCreated, undecided);
            } catch (Intrinsics.NotLocal e) {
                throw new LocalTemplateException(resource.logicalId() + " refers to " + e.getMessage() + "; the properties applied"
                        + " locally may refer to parameters only");
            }
        }
        if (!undecided.isEmpty()) {
            throw new LocalTemplateException("the template has resources the local runtime neither creates nor knowingly leaves out;"
                    + " create them in TemplateResources or add the type with a reason to NotCreatedLocally", undecided);
        }
        return new ResourcePlan(tables, deadLetterQueuesFirst(queues), buckets, buses, notCreated);
    }

    private void planOne(Template.Resource resource, Intrinsics values, List<TableDefinition> tables,
                         Map<String, QueueDefinition> queues, List<BucketDefinition> buckets, List<EventBusDefinition> buses,
                         Map<String, String> notCreated, List<String> undecided) {
        switch (resource.type()) {
            case "AWS::DynamoDB::Table" -> tables.add(table(resource, values));
            case "AWS::SQS::Queue" -> queues.put(resource.logicalId(), queue(resource, values));
            case "AWS::S3::Bucket" -> buckets.add(bucket(resource, values));
            case "AWS::Events::EventBus" -> {
                EVENT_BUS.check(resource);
                buses.add(new EventBusDefinition(resource.logicalId(), naming.eventBusName(resource.logicalId())));
            }
            default -> NotCreatedLocally.reason(resource.type()).ifPresentOrElse(
                    reason -> notCreated.put(resource.logicalId(), reason),
                    () -> undecided.add(resource.logicalId() + " (" + resource.type() + ")"));
        }
    }

    /** Creates everything {@link #plan} lists, through {@code creators}, and returns the local resources by logical id. */
    public LocalResources create(TemplateParameters parameters, ResourceCreators creators) {
        ResourcePlan plan = plan(parameters);
        Map<String, LocalResource> created = new LinkedHashMap<>();
        plan.tables().forEach(table -> created.put(table.logicalId(), creators.tables().create(table)));
        for (QueueDefinition queue : plan.queues()) {
            Optional<String> deadLetterArn = queue.redrive().map(redrive -> created.get(redrive.deadLetterQueueLogicalId()).arn());
            created.put(queue.logicalId(), creators.queues().create(queue, deadLetterArn));
        }
        plan.buckets().forEach(bucket -> created.put(bucket.logicalId(), creators.buckets().create(bucket)));
        plan.eventBuses().forEach(bus -> created.put(bus.logicalId(), LocalResource.eventBus(bus.logicalId(), bus.name(),
                parameters.account().arn("events", "event-bus/" + bus.name()))));
        return new LocalResources(template, parameters, created);
    }

    private TableDefinition table(Template.Resource resource, Intrinsics values) {
        TABLE.check(resource);
        Map<String, Object> properties = resource.properties();
        String where = resource.logicalId();
        List<TableDefinition.Attribute> attributes = new ArrayList<>();
        for (Map<String, Object> attribute : maps(properties.get("AttributeDefinitions"), where + ".AttributeDefinitions")) {
            attributes.add(new TableDefinition.Attribute(values.resolve(attribute.get("AttributeName")),
                    values.resolve(attribute.get("AttributeType"))));
        }
        String billing = properties.containsKey("BillingMode") ? values.resolve(properties.get("BillingMode")) : "PROVISIONED";
        Optional<TableDefinition.Throughput> throughput = switch (billing) {
            case "PAY_PER_REQUEST" -> Optional.empty();
            case "PROVISIONED" -> Optional.of(throughput(properties.get("ProvisionedThroughput"), where, values));
            default -> throw new LocalTemplateException(where + ".BillingMode must be PAY_PER_REQUEST or PROVISIONED, was " + billing);
        };
        List<TableDefinition.Index> indexes = new ArrayList<>();
        if (properties.containsKey("GlobalSecondaryIndexes")) {
            for (Map<String, Object> index : maps(properties.get("GlobalSecondaryIndexes"), where + ".GlobalSecondaryIndexes")) {
                indexes.add(index(index, where, throughput.isPresent(), values));
            }
        }
        Optional<String> ttl = Optional.empty();
        if (properties.get("TimeToLiveSpecification") instanceof Map<?, ?> spec
                && Boolean.parseBoolean(values.resolve(spec.get("Enabled")))) {
            ttl = Optional.of(values.resolve(spec.get("AttributeName")));
        }
        return new TableDefinition(resource.logicalId(), naming.tableName(resource.logicalId()), attributes,
                keySchema(properties.get("KeySchema"), where + ".KeySchema", values), indexes, throughput, ttl);
    }

    private static TableDefinition.Index index(Map<String, Object> index, String table, boolean provisioned, Intrinsics values) {
        String name = values.resolve(index.get("IndexName"));
        String where = table + ".GlobalSecondaryIndexes." + name;
        for (String key : index.keySet()) {
            if (!Set.of("IndexName", "KeySchema", "Projection", "ProvisionedThroughput").contains(key)) {
                throw new LocalTemplateException(where + "." + key + " is not supported locally");
            }
        }
        if (!(index.get("Projection") instanceof Map<?, ?> projection)) {
            throw new LocalTemplateException(where + " has no Projection");
        }
        List<String> nonKey = new ArrayList<>();
        if (projection.get("NonKeyAttributes") instanceof List<?> attributes) {
            attributes.forEach(attribute -> nonKey.add(values.resolve(attribute)));
        }
        return new TableDefinition.Index(name, keySchema(index.get("KeySchema"), where + ".KeySchema", values),
                values.resolve(projection.get("ProjectionType")), nonKey,
                provisioned ? Optional.of(throughput(index.get("ProvisionedThroughput"), where, values)) : Optional.empty());
    }

    private static List<TableDefinition.KeyElement> keySchema(Object value, String where, Intrinsics values) {
        List<TableDefinition.KeyElement> keys = new ArrayList<>();
        for (Map<String, Object> key : maps(value, where)) {
            keys.add(new TableDefinition.KeyElement(values.resolve(key.get("AttributeName")), values.resolve(key.get("KeyType"))));
        }
        return keys;
    }

    private static TableDefinition.Throughput throughput(Object value, String where, Intrinsics values) {
        if (!(value instanceof Map<?, ?> throughput)) {
            throw new LocalTemplateException(where + " is PROVISIONED but has no ProvisionedThroughput");
        }
        return new TableDefinition.Throughput(Long.parseLong(values.resolve(throughput.get("ReadCapacityUnits"))),
                Long.parseLong(values.resolve(throughput.get("WriteCapacityUnits"))));
    }

    private QueueDefinition queue(Template.Resource resource, Intrinsics values) {
        QUEUE.check(resource);
        Map<String, String> attributes = new LinkedHashMap<>();
        resource.properties().forEach((name, value) -> {
            if (QUEUE.applied().contains(name) && !name.equals("RedrivePolicy")) {
                // The template's property names are SQS's attribute names. ElasticMQ 1.7 accepts
                // MessageRetentionPeriod but keeps messages until they are deleted or redriven.
                attributes.put(name, values.resolve(value));
            }
        });
        Optional<QueueDefinition.Redrive> redrive = Optional.empty();
        if (resource.properties().get("RedrivePolicy") instanceof Map<?, ?> policy) {
            String where = resource.logicalId() + ".RedrivePolicy";
            for (Object key : policy.keySet()) {
                if (!Set.of("deadLetterTargetArn", "maxReceiveCount").contains(key.toString())) {
                    throw new LocalTemplateException(where + "." + key + " is not supported locally");
                }
            }
            String target = TemplateRefs.requireLogicalId(policy.get("deadLetterTargetArn"), where + ".deadLetterTargetArn");
            Template.Resource targetResource = template.resources().get(target);
            if (targetResource == null || !targetResource.type().equals("AWS::SQS::Queue")) {
                throw new LocalTemplateException(where + ".deadLetterTargetArn must point at a queue of the template, found " + target);
            }
            int maxReceiveCount;
            try {
                maxReceiveCount = Integer.parseInt(values.resolve(policy.get("maxReceiveCount")));
            } catch (NumberFormatException e) {
                throw new LocalTemplateException(where + ".maxReceiveCount must be a whole number, was " + policy.get("maxReceiveCount"));
            }
            redrive = Optional.of(new QueueDefinition.Redrive(target, maxReceiveCount));
        } else if (resource.properties().containsKey("RedrivePolicy")) {
            throw new LocalTemplateException(resource.logicalId() + ".RedrivePolicy must be a mapping");
        }
        return new QueueDefinition(resource.logicalId(), naming.queueName(resource.logicalId()), attributes, redrive);
    }

    private BucketDefinition bucket(Template.Resource resource, Intrinsics values) {
        BUCKET.check(resource);
        boolean versioned = false;
        if (resource.properties().get("VersioningConfiguration") instanceof Map<?, ?> versioning) {
            String status = values.resolve(versioning.get("Status"));
            if (!status.equals("Enabled") && !status.equals("Suspended")) {
                throw new LocalTemplateException(resource.logicalId() + ".VersioningConfiguration.Status must be Enabled or Suspended,"
                        + " was " + status);
            }
            versioned = status.equals("Enabled");
        }
        return new BucketDefinition(resource.logicalId(), naming.bucketName(resource.logicalId()), versioned);
    }

    /** Orders queues so each dead-letter queue comes before the queues that redrive to it. */
    private static List<QueueDefinition> deadLetterQueuesFirst(Map<String, QueueDefinition> queues) {
        List<QueueDefinition> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (QueueDefinition queue : queues.values()) {
            place(queue, queues, placed, new HashSet<>(), ordered);
        }
        return ordered;
    }

    private static void place(QueueDefinition queue, Map<String, QueueDefinition> queues, Set<String> placed, Set<String> visiting,
                              List<QueueDefinition> ordered) {
        if (placed.contains(queue.logicalId())) {
            return;
        }
        if (!visiting.add(queue.logicalId())) {
            throw new LocalTemplateException("redrive policies form a cycle through " + queue.logicalId());
        }
        queue.redrive().ifPresent(redrive -> place(queues.get(redrive.deadLetterQueueLogicalId()), queues, placed, visiting, ordered));
        placed.add(queue.logicalId());
        ordered.add(queue);
    }

    private static List<Map<String, Object>> maps(Object value, String where) {
        if (!(value instanceof List<?> list)) {
            throw new LocalTemplateException(where + " must be a list, found " + value);
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new LocalTemplateException(where + " must hold mappings, found " + item);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, entry) -> copy.put(key.toString(), entry));
            maps.add(copy);
        }
        return maps;
    }
}
