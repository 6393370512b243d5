package dev.caretaker.local.resources;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One template resource as it exists locally: what {@code !Ref} gives (a queue's URL, a table's
 * name, ...) and what {@code !GetAtt} can read ({@code Arn}, {@code QueueName}, ...).
 */
public record LocalResource(String logicalId, String type, String physicalName, String ref, Map<String, String> attributes) {

    public LocalResource {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(physicalName, "physicalName");
        Objects.requireNonNull(ref, "ref");
        attributes = Map.copyOf(attributes);
    }

    public static LocalResource table(String logicalId, String name, String arn) {
        return new LocalResource(logicalId, "AWS::DynamoDB::Table", name, name, Map.of("Arn", arn));
    }

    public static LocalResource queue(String logicalId, String name, String url, String arn) {
        return new LocalResource(logicalId, "AWS::SQS::Queue", name, url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
    }

    public static LocalResource bucket(String logicalId, String name) {
        return new LocalResource(logicalId, "AWS::S3::Bucket", name, name, Map.of("Arn", "arn:aws:s3:::" + name));
    }

    public static LocalResource eventBus(String logicalId, String name, String arn) {
        return new LocalResource(logicalId, "AWS::Events::EventBus", name, name, Map.of("Arn", arn, "Name", name));
    }

    /**
     * Something the runtime provides in place of a resource that is not created on an engine (the
     * local state machine, a stand-in secret or topic), so references to it resolve.
     */
    public static LocalResource standIn(String logicalId, String type, String ref, Map<String, String> attributes) {
        return new LocalResource(logicalId, type, ref, ref, attributes);
    }

    public String arn() {
        return attribute("Arn");
    }

    /** A queue's URL; fails for anything that is not a queue. */
    public String url() {
        return attribute("QueueUrl");
    }

    public String attribute(String name) {
        String value = attributes.get(name);
        if (value == null) {
            throw new LocalTemplateException(logicalId + " (" + type + ") has no attribute " + name + " locally; it has "
                    + new TreeMap<>(attributes).keySet());
        }
        return value;
    }
}
