package dev.caretaker.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.events.EventPublisher;
import dev.caretaker.job.JobStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the handler reads the state machine's task events, before any task runs. */
class DeploymentTaskHandlerTest {

    private static final String JOB_ID = "deploy-0123456789abcdef01234567";

    private DeploymentTaskHandler handler;

    /** A collaborator that fails the test if a task reaches it: dispatch errors must stop before any side effect. */
    private static <T> T untouchable(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "untouchable " + type.getSimpleName() : null;
            }
            throw new AssertionError(type.getSimpleName() + "." + method.getName() + " must not be called");
        }));
    }

    @BeforeEach
    void handler() {
        StackInspector noStacks = stack -> new StackState.Absent();
        handler = new DeploymentTaskHandler(new DeploymentTasks(untouchable(JobStore.class), noStacks,
                untouchable(EventPublisher.class), Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC)));
    }

    private static Map<String, Object> input() {
        Map<String, Object> input = new HashMap<>();
        input.put("jobId", JOB_ID);
        input.put("stack", "acme-app");
        input.put("version", "1.4.2");
        return input;
    }

    @Test
    void routesToTheNamedTask_whenActionIsKnown() {
        assertThat(handler.dispatch(Map.of("action", "checkStack", "input", input())))
                .isEqualTo(Map.of("stackStatus", "ABSENT", "operation", "CREATE"));
    }

    @Test
    void rejectsListingTheActions_whenActionIsUnknown() {
        assertThatThrownBy(() -> handler.dispatch(Map.of("action", "rollback", "input", input())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown deployment task action 'rollback'; expected begin, checkStack, complete or fail");
    }

    @Test
    void rejects_whenActionIsMissing() {
        assertThatThrownBy(() -> handler.dispatch(Map.of("input", input())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown deployment task action 'null'");
    }

    @Test
    void rejects_whenInputIsMissing() {
        assertThatThrownBy(() -> handler.dispatch(Map.of("action", "begin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployment task event lacks an 'input' object");
    }

    @Test
    void rejects_whenInputIsNotAnObject() {
        assertThatThrownBy(() -> handler.dispatch(Map.of("action", "begin", "input", "deploy-0123")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployment task event lacks an 'input' object");
    }

    @Test
    void rejects_whenEventIsNull() {
        assertThatThrownBy(() -> handler.dispatch(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployment task event lacks an 'input' object");
    }

    @Test
    void namesTheMissingField_whenInputLacksOne() {
        for (String field : new String[] {"jobId", "stack", "version"}) {
            Map<String, Object> input = input();
            input.remove(field);

            assertThatThrownBy(() -> handler.dispatch(Map.of("action", "begin", "input", input)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("deployment task input lacks '" + field + "'");
        }
    }

    @Test
    void namesTheBlankField_whenInputHasOneBlank() {
        Map<String, Object> input = input();
        input.put("version", " ");

        assertThatThrownBy(() -> handler.dispatch(Map.of("action", "complete", "input", input)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployment task input lacks 'version'");
    }

    @org.junit.jupiter.api.Test
    void reportsExceptionNameAndMessage_whenCauseIsLambdasErrorDocument() {
        java.util.Map<String, Object> input = java.util.Map.of("error", java.util.Map.of(
                "Error", "dev.caretaker.work.PermanentFailure",
                "Cause", "{\"errorMessage\":\"stack is ROLLBACK_COMPLETE: delete it first\",\"errorType\":\"dev.caretaker.work.PermanentFailure\",\"stackTrace\":[\"a\"]}"));

        org.assertj.core.api.Assertions.assertThat(DeploymentTaskHandler.errorOf(input))
                .isEqualTo("PermanentFailure: stack is ROLLBACK_COMPLETE: delete it first");
    }

    @org.junit.jupiter.api.Test
    void keepsCauseAsItIs_whenItIsNotLambdasDocument() {
        java.util.Map<String, Object> input = java.util.Map.of("error", java.util.Map.of(
                "Error", "States.Timeout", "Cause", "task timed out after 120 s"));

        org.assertj.core.api.Assertions.assertThat(DeploymentTaskHandler.errorOf(input))
                .isEqualTo("States.Timeout: task timed out after 120 s");
    }
}
