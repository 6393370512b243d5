package dev.caretaker.local.stepfunctions;

import static dev.caretaker.local.stepfunctions.Harness.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitSucceedFailTest {

    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private ExecutionDescription waitWith(String waitFields, String input) {
        return harness.run(harness.machine("{'StartAt':'Hold','States':{'Hold':{'Type':'Wait'," + waitFields
                + ",'Next':'Done'},'Done':{'Type':'Succeed'}}}"), input);
    }

    @Test
    void sleepsTheGivenSecondsAndPassesInputOn_whenWaitHasSeconds() {
        ExecutionDescription run = waitWith("'Seconds':30", "{'a':1}");

        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(30));
        assertThat(outputOf(run)).isEqualTo(Map.of("a", 1));
    }

    @Test
    void sleepsTheSelectedSeconds_whenWaitHasSecondsPath() {
        waitWith("'SecondsPath':'$.delay'", "{'delay':45}");

        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(45));
    }

    @Test
    void sleepsUntilTheTimestampByTheClock_whenWaitHasTimestamp() {
        waitWith("'Timestamp':'2026-11-21T11:30:00Z'", "{}");

        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofMinutes(90));
    }

    @Test
    void goesOnAtOnce_whenTheSelectedTimestampHasPassed() {
        ExecutionDescription run = waitWith("'TimestampPath':'$.window.opens'", "{'window':{'opens':'2026-11-20T00:00:00Z'}}");

        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ZERO);
    }

    @Test
    void failsWithStatesRuntime_whenSecondsPathSelectsNoInteger() {
        ExecutionDescription run = waitWith("'SecondsPath':'$.delay'", "{'delay':'soon'}");

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.Runtime");
        assertThat(run.cause()).isEqualTo("SecondsPath '$.delay' selected \"soon\", not a non-negative integer");
    }

    @Test
    void outputsTheSelectedPart_whenSucceedHasOutputPath() {
        ExecutionDescription run = harness.run(harness.machine(
                "{'StartAt':'Done','States':{'Done':{'Type':'Succeed','OutputPath':'$.result'}}}"), "{'result':{'ok':true},'noise':1}");

        assertThat(outputOf(run)).isEqualTo(Map.of("ok", true));
    }

    @Test
    void failsTheExecutionWithErrorAndCause_whenFailStateIsReached() {
        ExecutionDescription run = harness.run(harness.machine(
                "{'StartAt':'Stop','States':{'Stop':{'Type':'Fail','Error':'DeploymentRejected','Cause':'not approved'}}}"), "{}");

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("DeploymentRejected");
        assertThat(run.cause()).isEqualTo("not approved");
        assertThat(run.output()).isNull();
        assertThat(run.stopDate()).isNotNull();
    }

    @Test
    void takesErrorAndCauseFromTheInput_whenFailStateHasErrorPathAndCausePath() {
        ExecutionDescription run = harness.run(harness.machine("{'StartAt':'Stop','States':{'Stop':{'Type':'Fail',"
                + "'ErrorPath':'$.error.Error','CausePath':'$.error.Cause'}}}"), "{'error':{'Error':'Boom','Cause':'why'}}");

        assertThat(run.error()).isEqualTo("Boom");
        assertThat(run.cause()).isEqualTo("why");
    }

    @Test
    void failsWithStatesRuntime_whenErrorPathFindsNothing() {
        ExecutionDescription run = harness.run(harness.machine("{'StartAt':'Stop','States':{'Stop':{'Type':'Fail',"
                + "'ErrorPath':'$.error.Error'}}}"), "{}");

        assertThat(run.error()).isEqualTo("States.Runtime");
        assertThat(run.cause()).isEqualTo("Invalid path '$.error.Error' : No results for ErrorPath in '{}'");
    }
}
