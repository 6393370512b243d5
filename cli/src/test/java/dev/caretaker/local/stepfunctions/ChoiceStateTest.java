package dev.caretaker.local.stepfunctions;

import static dev.caretaker.local.stepfunctions.Harness.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChoiceStateTest {

    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    /** A Choice with one rule leading to Matched, else Default; each end state reports which it was. */
    private String branch(String rule, String input) {
        LocalStateMachine machine = harness.machine("{'StartAt':'Decide','States':{'Decide':{'Type':'Choice',"
                + "'Choices':[{" + rule + ",'Next':'Matched'}],'Default':'Otherwise'},"
                + "'Matched':{'Type':'Pass','Result':'matched','End':true},"
                + "'Otherwise':{'Type':'Pass','Result':'otherwise','End':true}}}");
        ExecutionDescription run = harness.run(machine, input);
        if (run.status() != ExecutionStatus.SUCCEEDED) {
            return run.error() + ": " + run.cause();
        }
        return run.output().replace("\"", "");
    }

    @Test
    void matchesStringsNumbersAndBooleans_whenTheValueHasTheOperatorsType() {
        assertThat(branch("'Variable':'$.operation','StringEquals':'UPDATE'", "{'operation':'UPDATE'}")).isEqualTo("matched");
        assertThat(branch("'Variable':'$.operation','StringEquals':'UPDATE'", "{'operation':'CREATE'}")).isEqualTo("otherwise");
        assertThat(branch("'Variable':'$.cost','NumericEquals':10", "{'cost':10.0}")).isEqualTo("matched");
        assertThat(branch("'Variable':'$.cost','NumericGreaterThan':10", "{'cost':10.5}")).isEqualTo("matched");
        assertThat(branch("'Variable':'$.cost','NumericLessThanEquals':10", "{'cost':11}")).isEqualTo("otherwise");
        assertThat(branch("'Variable':'$.approved','BooleanEquals':true", "{'approved':true}")).isEqualTo("matched");
        assertThat(branch("'Variable':'$.stack','StringMatches':'app-*-prod'", "{'stack':'app-eu-prod'}")).isEqualTo("matched");
        assertThat(branch("'Variable':'$.at','TimestampLessThan':'2026-12-01T00:00:00Z'", "{'at':'2026-11-21T10:00:00+01:00'}"))
                .isEqualTo("matched");
    }

    @Test
    void doesNotMatch_whenTheValueHasAnotherType() {
        assertThat(branch("'Variable':'$.cost','NumericEquals':10", "{'cost':'10'}")).isEqualTo("otherwise");
        assertThat(branch("'Variable':'$.approved','BooleanEquals':true", "{'approved':'true'}")).isEqualTo("otherwise");
    }

    @Test
    void comparesWithAnotherPartOfTheInput_whenOperatorHasThePathForm() {
        assertThat(branch("'Variable':'$.deployed','StringEqualsPath':'$.requested'", "{'deployed':'1.4','requested':'1.4'}"))
                .isEqualTo("matched");
        assertThat(branch("'Variable':'$.deployed','StringEqualsPath':'$.requested'", "{'deployed':'1.3','requested':'1.4'}"))
                .isEqualTo("otherwise");
    }

    @Test
    void testsPresenceAndTypeWithoutError_whenUsingIsOperators() {
        assertThat(branch("'Variable':'$.approval','IsPresent':true", "{'approval':null}")).isEqualTo("matched");
        assertThat(branch("'Variable':'$.approval','IsPresent':true", "{}")).isEqualTo("otherwise");
        assertThat(branch("'Variable':'$.approval','IsPresent':false", "{}")).isEqualTo("matched");
        assertThat(branch("'Variable':'$.approval','IsNull':true", "{'approval':null}")).isEqualTo("matched");
        assertThat(branch("'Variable':'$.count','IsNumeric':true", "{'count':3}")).isEqualTo("matched");
        assertThat(branch("'Variable':'$.count','IsString':true", "{'count':3}")).isEqualTo("otherwise");
    }

    @Test
    void combinesRules_whenUsingAndOrNot() {
        String rule = "'And':[{'Variable':'$.operation','StringEquals':'UPDATE'},"
                + "{'Or':[{'Variable':'$.risky','BooleanEquals':true},{'Not':{'Variable':'$.window','IsPresent':true}}]}]";

        assertThat(branch(rule, "{'operation':'UPDATE','risky':true,'window':'now'}")).isEqualTo("matched");
        assertThat(branch(rule, "{'operation':'UPDATE','risky':false}")).isEqualTo("matched");
        assertThat(branch(rule, "{'operation':'UPDATE','risky':false,'window':'now'}")).isEqualTo("otherwise");
        assertThat(branch(rule, "{'operation':'CREATE','risky':true}")).isEqualTo("otherwise");
    }

    @Test
    void failsWithStatesRuntime_whenAComparedVariableIsMissing() {
        assertThat(branch("'Variable':'$.operation','StringEquals':'UPDATE'", "{}"))
                .isEqualTo("States.Runtime: Invalid path '$.operation': The choice state's condition path references an invalid value.");
    }

    @Test
    void failsWithNoChoiceMatched_whenNoRuleMatchesAndThereIsNoDefault() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Decide','States':{'Decide':{'Type':'Choice',"
                + "'Choices':[{'Variable':'$.go','BooleanEquals':true,'Next':'Go'}]},'Go':{'Type':'Succeed'}}}");

        ExecutionDescription run = harness.run(machine, "{'go':false}");

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void passesItsEffectiveInputOn_whenARuleMatches() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Decide','States':{'Decide':{'Type':'Choice',"
                + "'InputPath':'$.release','Choices':[{'Variable':'$.version','IsPresent':true,'Next':'Go'}]},"
                + "'Go':{'Type':'Succeed'}}}");

        assertThat(outputOf(harness.run(machine, "{'release':{'version':'1.4.2'},'other':1}"))).isEqualTo(Map.of("version", "1.4.2"));
    }
}
