package dev.caretaker.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.caretaker.job.JobType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkItemTest {

    private static final String ID = "drift-0b7c1f33c2b94a5e8d0e6a11";

    @Test
    void readsBackWhatItWrote_whenRoundTripped() {
        WorkItem item = new WorkItem(ID, JobType.DRIFT_CHECK, "app-b", "drift-5d0c2a8e4f1b7c9d3e6a0b12",
                Map.of("remediate", "false", "reason", "nightly"));

        assertThat(WorkItem.parse(item.toJson())).isEqualTo(item);
    }

    @Test
    void readsBackWithoutCorrelationOrParameters_whenTheyAreAbsent() {
        WorkItem item = new WorkItem(ID, JobType.COST_REPORT, "*", null, null);

        WorkItem parsed = WorkItem.parse(item.toJson());

        assertThat(parsed).isEqualTo(item);
        assertThat(parsed.correlationId()).isNull();
        assertThat(parsed.parameters()).isEmpty();
    }

    @Test
    void writesFlatJsonWithTypeName_whenSerialised() {
        assertThat(new WorkItem(ID, JobType.DRIFT_CHECK, "app-b", null, Map.of()).toJson())
                .isEqualTo("{\"jobId\":\"" + ID + "\",\"type\":\"DRIFT_CHECK\",\"target\":\"app-b\","
                        + "\"correlationId\":null,\"parameters\":{}}");
    }

    @Test
    void acceptsLowerCaseTypeAndNonStringParameters_whenParsing() {
        WorkItem parsed = WorkItem.parse("{\"jobId\":\"" + ID + "\",\"type\":\"drift_check\",\"target\":\"app\","
                + "\"parameters\":{\"retries\":3,\"dryRun\":true},\"extra\":\"ignored\"}");

        assertThat(parsed.type()).isEqualTo(JobType.DRIFT_CHECK);
        assertThat(parsed.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("retries", "3", "dryRun", "true"));
    }

    static Stream<Arguments> malformed() {
        String longJunk = "x".repeat(100);
        return Stream.of(
                // body, message, the job id that survives (null: none could be read)
                Arguments.of(null, "body is not a JSON object", null),
                Arguments.of("", "body is not a JSON object", null),
                Arguments.of("{not json", "body is not JSON", null),
                Arguments.of("[1, 2]", "body is not a JSON object", null),
                Arguments.of("\"just a string\"", "body is not a JSON object", null),
                Arguments.of("{}", "missing jobId", null),
                Arguments.of("{\"jobId\": 42, \"type\": \"DRIFT_CHECK\", \"target\": \"app\"}", "missing jobId", null),
                Arguments.of("{\"jobId\": \"not-an-id\", \"type\": \"DRIFT_CHECK\", \"target\": \"app\"}",
                        "jobId 'not-an-id' is not a Caretaker job id", null),
                Arguments.of("{\"jobId\": \"" + longJunk + "\"}",
                        "jobId '" + "x".repeat(64) + "…' is not a Caretaker job id", null),
                Arguments.of("{\"jobId\": \"" + ID + "\"}", "missing type", ID),
                Arguments.of("{\"jobId\": \"" + ID + "\", \"type\": \"PAINT\", \"target\": \"app\"}",
                        "unknown job type 'PAINT'; expected one of [DEPLOY, DRIFT_CHECK, COST_REPORT, BACKUP, RESTORE]", ID),
                Arguments.of("{\"jobId\": \"" + ID + "\", \"type\": \"DRIFT_CHECK\"}", "missing target", ID),
                Arguments.of("{\"jobId\": \"" + ID + "\", \"type\": \"DRIFT_CHECK\", \"target\": \"  \"}", "missing target", ID),
                Arguments.of("{\"jobId\": \"" + ID + "\", \"type\": \"DRIFT_CHECK\", \"target\": [\"app\"]}", "missing target", ID),
                Arguments.of("{\"jobId\": \"" + ID + "\", \"type\": \"DRIFT_CHECK\", \"target\": \"app\", \"parameters\": [\"a\"]}",
                        "parameters must be an object of strings", ID));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void namesWhatIsWrongAndKeepsJobIdWhenReadable_whenBodyIsMalformed(String body, String reason, String survivingJobId) {
        WorkItem.MalformedWorkItem error = catchThrowableOfType(WorkItem.MalformedWorkItem.class, () -> WorkItem.parse(body));

        assertThat(error).hasMessage("malformed work item: " + reason);
        assertThat(error.jobId()).isEqualTo(survivingJobId);
    }
}
