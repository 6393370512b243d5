package dev.caretaker.orchestrator.webhook;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One delivery of a webhook, as its sender identifies it: GitHub's X-GitHub-Delivery GUID, or the
 * id in X-Caretaker-Delivery. A sender's retry of the same event carries the same id.
 */
public record Delivery(String source, String id) {

    // Ends up in a DynamoDB key, a job trigger key and a Step Functions input: keep it plain.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public Delivery {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        if (!isWellFormedId(id)) {
            throw new IllegalArgumentException("delivery id must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
    }

    public static boolean isWellFormedId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
