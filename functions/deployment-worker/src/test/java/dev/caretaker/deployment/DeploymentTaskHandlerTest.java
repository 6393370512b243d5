package dev.caretaker.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.deployment.workflow.StepInput;
import dev.caretaker.testing.TestCredentials;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the handler reads the state machine's task events and hands them to the step the action names. */
class DeploymentTaskHandlerTest {

    private static final String JOB_ID = "deploy-0123456789abcdef01234567";

    private final AtomicReference<StepInput> received = new AtomicReference<>();
    private DeploymentTaskHandler handler;

    @BeforeEach
    void handler() {
        handler = new DeploymentTaskHandler(Map.of(
                "verify", in -> {
                    received.set(in);
                    return Map.of("version", "1.4.2");
                },
                "requestApproval", in -> {
                    received.set(in);
                    return Map.of("requested", true);
                }));
    }

    private static Map<String, Object> input() {
        Map<String, Object> input = new HashMap<>();
        input.put("jobId", JOB_ID);
        input.put("stack", "acme-app");
        input.put("version", "1.4.2");
        input.put("manifest", "s3://vendor/app/1.4.2/manifest.json");
        return input;
    }

    @Test
    void routesToTheNamedStep_withTheDeploymentReadFromTheInput() {
        Map<String, Object> input = input();
        input.put("now", true);
        input.put("source", "vendor");
        input.put("deliveryId", "d-1");
        input.put("verify", Map.of("payload", Map.of("attempt", 2)));

        assertThat(handler.dispatch(Map.of("action", "verify", "input", input))).isEqualTo(Map.of("version", "1.4.2"));

        StepInput in = received.get();
        assertThat(in.deployment().deploymentId()).as("defaults to the job id").isEqualTo(JOB_ID);
        assertThat(in.deployment().now()).isTrue();
        assertThat(in.deployment().origin()).isEqualTo(Map.of("source", "vendor", "deliveryId", "d-1"));
        assertThat(in.previous("verify", "attempt", 0)).isEqualTo(2);
        assertThat(in.taskToken()).isNull();
    }

    @Test
    void passesTheTaskToken_whenTheEventCarriesOne() {
        handler.dispatch(Map.of("action", "requestApproval", "taskToken", "AQCEAAAAKgAAAAMAAAAA", "input", input()));

        assertThat(received.get().taskToken()).isEqualTo("AQCEAAAAKgAAAAMAAAAA");
    }

    @Test
    void rejectsListingTheActions_whenActionIsUnknown() {
        assertThatThrownBy(() -> handler.dispatch(Map.of("action", "rollback", "input", input())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown deployment task action 'rollback'; expected one of [")
                .hasMessageContaining("verify").hasMessageContaining("requestApproval");
    }

    @Test
    void rejects_whenActionIsMissing() {
        assertThatThrownBy(() -> handler.dispatch(Map.of("input", input())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown deployment task action 'null'");
    }

    @Test
    void rejects_whenInputIsMissingOrNotAnObject() {
        assertThatThrownBy(() -> handler.dispatch(Map.of("action", "verify")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("deployment task event lacks an 'input' object");
        assertThatThrownBy(() -> handler.dispatch(Map.of("action", "verify", "input", "deploy-0123")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("deployment task event lacks an 'input' object");
        assertThatThrownBy(() -> handler.dispatch(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("deployment task event lacks an 'input' object");
    }

    @Test
    void namesTheMissingOrBlankField_whenInputLacksOne() {
        for (String field : new String[] {"jobId", "stack", "version"}) {
            Map<String, Object> missing = input();
            missing.remove(field);
            Map<String, Object> blank = input();
            blank.put(field, " ");

            assertThatThrownBy(() -> handler.dispatch(Map.of("action", "verify", "input", missing)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("deployment task input lacks '" + field + "'");
            assertThatThrownBy(() -> handler.dispatch(Map.of("action", "verify", "input", blank)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("deployment task input lacks '" + field + "'");
        }
        assertThat(received.get()).as("no step ran").isNull();
    }

    @Test
    void makesEveryStepAndItsClientsWithoutACall_whenPrimedForASnapshot() {
        DeploymentTaskHandler wired = new DeploymentTaskHandler(new AwsClientFactory(TestCredentials.environment(Map.of(
                "STATE_TABLE", "caretaker-test-state", "EVENT_BUS_NAME", "caretaker-test", "ARTIFACTS_BUCKET", "caretaker-test-artifacts",
                "CONFIG_PARAMETER", "/caretaker/test/config",
                // Nothing answers here: any call the priming made would fail it.
                "AWS_ENDPOINT_URL", "http://127.0.0.1:9")), TestCredentials.provider()));

        assertThatCode(wired::prime).doesNotThrowAnyException();
    }

    @Test
    void refusesAPromotionThatIsNotAnObject() {
        Map<String, Object> input = input();
        input.put("promotedFrom", "staging");

        assertThatThrownBy(() -> handler.dispatch(Map.of("action", "verify", "input", input)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'promotedFrom' must be an object");
    }
}
