package dev.caretaker.job;

import java.time.Instant;
import java.util.Objects;

/**
 * What caused a job. Its {@link #key()} is the deduplication key: the same trigger delivered twice
 * yields the same job id, so the second delivery creates nothing new.
 */
public sealed interface JobTrigger {

    /** A stable string identifying this trigger occurrence. */
    String key();

    /** A human label for listings: "schedule", "webhook", "parent", "manual". */
    String kind();

    record Schedule(String scheduleName, Instant scheduledTime) implements JobTrigger {
        public Schedule {
            Objects.requireNonNull(scheduleName, "scheduleName");
            Objects.requireNonNull(scheduledTime, "scheduledTime");
        }

        @Override
        public String key() {
            return "schedule:" + scheduleName + "@" + scheduledTime;
        }

        @Override
        public String kind() {
            return "schedule";
        }
    }

    record Webhook(String source, String deliveryId) implements JobTrigger {
        public Webhook {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(deliveryId, "deliveryId");
        }

        @Override
        public String key() {
            return "webhook:" + source + "/" + deliveryId;
        }

        @Override
        public String kind() {
            return "webhook";
        }
    }

    /** A child job of a fan-out: one per stack of a scheduled drift check, say. */
    record Parent(String parentJobId, String part) implements JobTrigger {
        public Parent {
            Objects.requireNonNull(parentJobId, "parentJobId");
            Objects.requireNonNull(part, "part");
        }

        @Override
        public String key() {
            return "parent:" + parentJobId + "/" + part;
        }

        @Override
        public String kind() {
            return "parent";
        }
    }

    /** An operator's request with their own idempotency token (CLI, API). */
    record Manual(String requestId) implements JobTrigger {
        public Manual {
            Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public String key() {
            return "manual:" + requestId;
        }

        @Override
        public String kind() {
            return "manual";
        }
    }
}
