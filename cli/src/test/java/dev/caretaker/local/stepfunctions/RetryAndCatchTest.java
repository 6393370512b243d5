package dev.caretaker.local.stepfunctions;

import static dev.caretaker.local.stepfunctions.Harness.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryAndCatchTest {

    private static final String TASK = "'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
            + "'Parameters':{'FunctionName':'worker','Payload.$':'$'},'ResultSelector':{'v.$':'$.Payload'}";

    private Harness harness = new Harness();
    private final AtomicInteger calls = new AtomicInteger();
    /** What the next calls throw, in order; when empty the worker answers {"done": true}. */
    private final Deque<Exception> failures = new ConcurrentLinkedDeque<>();
    private final TaskFunction worker = payload -> {
        calls.incrementAndGet();
        Exception next = failures.poll();
        if (next != null) {
            throw next;
        }
        return Json.read("{\"done\":true}", JsonNode.class);
    };

    @AfterEach
    void close() {
        harness.close();
    }

    private LocalStateMachine machine(String stateFields) {
        // Only the end states a Catch leads to: the loader refuses unreachable ones.
        return harness.machine("{'StartAt':'Work','States':{'Work':{" + TASK + "," + stateFields + "}"
                + (stateFields.contains("'Recovered'") ? ",'Recovered':{'Type':'Pass','End':true}" : "")
                + (stateFields.contains("'Other'") ? ",'Other':{'Type':'Pass','End':true}" : "") + "}}", Map.of("worker", worker));
    }

    private void failTimes(int times, String lambdaError) {
        for (int i = 0; i < times; i++) {
            failures.add(new LambdaServiceError(lambdaError, "Rate Exceeded."));
        }
    }

    @Test
    void retriesWithExponentialBackoffCappedAtMaxDelay_whenErrorMatchesARetrier() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Work','States':{'Work':{" + TASK + ",'Retry':[{"
                + "'ErrorEquals':['Lambda.TooManyRequestsException'],'IntervalSeconds':2,'MaxAttempts':5,'BackoffRate':2,"
                + "'MaxDelaySeconds':5}],'End':true}}}", Map.of("worker", worker));
        failTimes(4, "Lambda.TooManyRequestsException");

        ExecutionDescription run = harness.run(machine, "{}");

        assertThat(outputOf(run)).isEqualTo(Map.of("v", Map.of("done", true)));
        assertThat(calls).hasValue(5);
        assertThat(harness.sleeper.sleeps()).containsExactly(
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void waitsARandomPartOfEachDelay_whenJitterStrategyIsFull() {
        harness.close();
        harness = new Harness(0.25);
        LocalStateMachine machine = harness.machine("{'StartAt':'Work','States':{'Work':{" + TASK + ",'Retry':[{"
                + "'ErrorEquals':['Lambda.ServiceException'],'IntervalSeconds':2,'MaxAttempts':3,'BackoffRate':2,"
                + "'JitterStrategy':'FULL'}],'End':true}}}", Map.of("worker", worker));
        failTimes(3, "Lambda.ServiceException");

        harness.run(machine, "{}");

        assertThat(harness.sleeper.sleeps()).containsExactly(
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void usesTheServiceDefaults_whenRetrierGivesOnlyErrorEquals() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Work','States':{'Work':{" + TASK + ",'Retry':[{"
                + "'ErrorEquals':['States.ALL']}],'End':true}}}", Map.of("worker", worker));
        failTimes(4, "Lambda.ServiceException");

        ExecutionDescription run = harness.run(machine, "{}");

        // One second, doubling, three retries: the fourth error ends the execution.
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("Lambda.ServiceException");
        assertThat(run.cause()).isEqualTo("Rate Exceeded.");
    }

    @Test
    void goesToTheCatcherWithErrorAndCauseAtItsResultPath_whenRetriesAreSpent() {
        LocalStateMachine machine = machine("'Retry':[{'ErrorEquals':['Lambda.ServiceException'],'MaxAttempts':2}],"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Recovered'}],'End':true");
        failTimes(3, "Lambda.ServiceException");

        ExecutionDescription run = harness.run(machine, "{'jobId':'j-1'}");

        assertThat(calls).hasValue(3);
        assertThat(outputOf(run)).isEqualTo(Map.of("jobId", "j-1",
                "error", Map.of("Error", "Lambda.ServiceException", "Cause", "Rate Exceeded.")));
        assertThat(machine.executionHistory("run-1")).extracting(event -> event.details().describe())
                .contains("Work caught Lambda.ServiceException, going to Recovered", "Recovered (Pass) entered");
    }

    @Test
    void usesOnlyTheFirstMatchingRetrier_whenItIsSpentAndALaterOneAlsoMatches() {
        LocalStateMachine machine = machine("'Retry':[{'ErrorEquals':['Lambda.ServiceException'],'MaxAttempts':1},"
                + "{'ErrorEquals':['States.ALL'],'MaxAttempts':5}],"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Recovered'}],'End':true");
        failTimes(3, "Lambda.ServiceException");

        harness.run(machine, "{}");

        assertThat(calls).as("one call and one retry; the States.ALL retrier never applies").hasValue(2);
    }

    @Test
    void countsAttemptsPerRetrier_whenDifferentErrorsAlternate() {
        LocalStateMachine machine = machine("'Retry':[{'ErrorEquals':['A'],'MaxAttempts':1,'IntervalSeconds':1},"
                + "{'ErrorEquals':['B'],'MaxAttempts':1,'IntervalSeconds':3}],'End':true");
        failures.add(new LambdaServiceError("A", "a"));
        failures.add(new LambdaServiceError("B", "b"));

        ExecutionDescription run = harness.run(machine, "{}");

        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    @Test
    void neverRetries_whenMaxAttemptsIsZero() {
        LocalStateMachine machine = machine("'Retry':[{'ErrorEquals':['States.ALL'],'MaxAttempts':0}],'End':true");
        failTimes(1, "Lambda.ServiceException");

        assertThat(harness.run(machine, "{}").status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(calls).hasValue(1);
    }

    @Test
    void namesTheErrorAfterTheExceptionClassWithLambdasErrorDocumentAsCause_whenTheFunctionThrows() {
        LocalStateMachine machine = machine("'End':true");
        failures.add(new IllegalStateException("stack is UPDATE_ROLLBACK_FAILED"));

        ExecutionDescription run = harness.run(machine, "{}");

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("java.lang.IllegalStateException");
        JsonNode cause = Json.read(run.cause(), JsonNode.class);
        assertThat(cause.get("errorMessage").asText()).isEqualTo("stack is UPDATE_ROLLBACK_FAILED");
        assertThat(cause.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(cause.get("stackTrace").isArray()).isTrue();
    }

    @Test
    void takesTheFirstCatcherThatCovers_whenSeveralWould() {
        LocalStateMachine machine = machine("'Catch':[{'ErrorEquals':['Lambda.Unknown'],'Next':'Other'},"
                + "{'ErrorEquals':['Lambda.ServiceException'],'Next':'Recovered'},"
                + "{'ErrorEquals':['States.ALL'],'Next':'Other'}],'End':true");
        failTimes(1, "Lambda.ServiceException");

        harness.run(machine, "{}");

        assertThat(visited(machine)).containsExactly("Work", "Recovered");
    }

    @Test
    void coversEveryErrorButTimeout_whenCatcherNamesStatesTaskFailed() {
        LocalStateMachine machine = machine("'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'Recovered'}],'End':true");
        failures.add(new IllegalArgumentException("bad input"));

        harness.run(machine, "{}");

        assertThat(visited(machine)).containsExactly("Work", "Recovered");
        assertThat(ErrorNames.matches(List.of("States.TaskFailed"), "States.Timeout")).isFalse();
        assertThat(ErrorNames.matches(List.of("States.ALL"), "States.Timeout")).isTrue();
        assertThat(ErrorNames.matches(List.of("States.ALL"), "States.Runtime")).isFalse();
    }

    @Test
    void failsWithResourceNotFound_whenNoLocalFunctionHasTheFunctionName() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Work','States':{'Work':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'arn:aws:lambda:eu-west-1:1:function:nope'},"
                + "'End':true}}}", Map.of("worker", worker));

        ExecutionDescription run = harness.run(machine, "{}");

        assertThat(run.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(run.cause()).isEqualTo("Function not found: arn:aws:lambda:eu-west-1:1:function:nope (Service: Lambda,"
                + " Status Code: 404); the local runtime has [worker]");
    }

    private static List<String> visited(LocalStateMachine machine) {
        List<String> states = new ArrayList<>();
        machine.executionHistory("run-1").forEach(event -> {
            if (event.details() instanceof HistoryEvent.StateEntered entered) {
                states.add(entered.state());
            }
        });
        return states;
    }
}
