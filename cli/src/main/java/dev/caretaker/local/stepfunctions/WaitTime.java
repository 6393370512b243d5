package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** How long a Wait state waits: a fixed or selected number of seconds, or until a fixed or selected time. */
sealed interface WaitTime {

    Duration from(Instant now, JsonNode data, JsonNode context) throws StateFailure;

    record Seconds(long seconds) implements WaitTime {
        @Override
        public Duration from(Instant now, JsonNode data, JsonNode context) {
            return Duration.ofSeconds(seconds);
        }
    }

    record SecondsPath(JsonPath path) implements WaitTime {
        @Override
        public Duration from(Instant now, JsonNode data, JsonNode context) throws StateFailure {
            JsonNode value = path.read(data, context).orElseThrow(() -> StateFailure.runtime(
                    "Invalid path '" + path + "' : No results for SecondsPath in '" + data + "'"));
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                throw StateFailure.runtime("SecondsPath '" + path + "' selected " + value + ", not a non-negative integer");
            }
            return Duration.ofSeconds(value.asLong());
        }
    }

    record Until(Instant timestamp) implements WaitTime {
        @Override
        public Duration from(Instant now, JsonNode data, JsonNode context) {
            return positive(Duration.between(now, timestamp));
        }
    }

    record UntilPath(JsonPath path) implements WaitTime {
        @Override
        public Duration from(Instant now, JsonNode data, JsonNode context) throws StateFailure {
            JsonNode value = path.read(data, context).orElseThrow(() -> StateFailure.runtime(
                    "Invalid path '" + path + "' : No results for TimestampPath in '" + data + "'"));
            Instant until = value.isTextual() ? timestamp(value.asText()) : null;
            if (until == null) {
                throw StateFailure.runtime("TimestampPath '" + path + "' selected " + value + ", not an RFC 3339 timestamp");
            }
            return positive(Duration.between(now, until));
        }
    }

    /** An RFC 3339 timestamp as Step Functions reads it (upper-case T, offset or Z), or null. */
    static Instant timestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
