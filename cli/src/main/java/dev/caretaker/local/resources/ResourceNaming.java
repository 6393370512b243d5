package dev.caretaker.local.resources;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Local physical names, derived from logical ids rather than from the template's name properties:
 * {@code caretaker-local-StateTable}. A name that says "local" and the logical id cannot be
 * confused with a deployed resource, and stays the same whatever parameters the runtime is given.
 * Bucket names are lower-cased, as S3 requires.
 */
public record ResourceNaming(String prefix) {

    // Declared before DEFAULT, whose construction uses it.
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");

    public static final ResourceNaming DEFAULT = new ResourceNaming("caretaker-local");

    public ResourceNaming {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a local name prefix is 1-31 lower-case letters, digits or hyphens, was '" + prefix + "'");
        }
    }

    public String tableName(String logicalId) {
        return within(prefix + "-" + logicalId, 255, "DynamoDB table");
    }

    public String queueName(String logicalId) {
        return within(prefix + "-" + logicalId, 80, "SQS queue");
    }

    public String bucketName(String logicalId) {
        return within((prefix + "-" + logicalId).toLowerCase(Locale.ROOT), 63, "S3 bucket");
    }

    public String eventBusName(String logicalId) {
        return within(prefix + "-" + logicalId, 256, "event bus");
    }

    private static String within(String name, int limit, String kind) {
        if (name.length() > limit) {
            throw new LocalTemplateException(kind + " name " + name + " is longer than the " + limit + " characters AWS allows;"
                    + " use a shorter prefix or logical id");
        }
        return name;
    }
}
