package dev.caretaker.local.sandbox;

import java.time.Instant;

/** One stack event as DescribeStackEvents returns it (the stack's name and id are added when it is written). */
record SandboxStackEvent(String eventId, String logicalId, String physicalId, String resourceType, Instant timestamp,
                         String status, String reason, String clientRequestToken) {
}
