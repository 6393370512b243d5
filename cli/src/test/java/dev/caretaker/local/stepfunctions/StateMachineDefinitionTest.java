package dev.caretaker.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.testing.RepoRoot;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateMachineDefinitionTest {

    @Test
    void loadsEveryStateOfTheRealDeploymentWorkflow_whenItsPlaceholderHasAValue() {
        StateMachineDefinition definition = Definitions.deployment();

        assertThat(definition.source()).isEqualTo("statemachine/deployment.asl.json");
        assertThat(definition.startAt()).isEqualTo("Begin");
        assertThat(definition.stateNames())
                .containsExactly("Begin", "Mode", "KeepCurrentTemplate", "Verify", "Gate", "GateDecision", "WaitForWindow", "Prerequisites", "Preview",
                        "PreviewDecision", "WaitForChangeSet", "RequestApproval", "Reject", "Execute", "Watch", "WatchDecision",
                        "WaitForStack", "ContinueRollback", "CheckHealth", "HealthDecision", "WaitForHealth", "ReturnToKnownGood",
                        "RecoveryDecision", "Finish", "Outcome", "Deployed", "NotDeployed", "RecordFailure", "DeploymentFailed");
        assertThat(definition.timeout()).isEmpty();
    }

    @Test
    void namesEveryUnresolvedPlaceholderWithItsLine_whenASubstitutionIsMissing() {
        assertThatThrownBy(() -> StateMachineDefinition.load(RepoRoot.find().resolve("statemachine/deployment.asl.json"),
                Map.of("SomethingElse", "x")))
                .isInstanceOf(InvalidDefinitionException.class)
                // Every occurrence is listed with its line, the first on line 10 of the definition.
                .hasMessageStartingWith("statemachine/deployment.asl.json: DefinitionSubstitutions: no value for"
                        + " ${DeploymentWorkerFunctionArn} (line 10), ${DeploymentWorkerFunctionArn} (line ")
                .hasMessageEndingWith("; the values given are [SomethingElse] (the template's DefinitionSubstitutions"
                        + " must name every placeholder)");
    }

    @Test
    void substitutesTextuallyBeforeReading_whenAPlaceholderStandsForANumber() {
        StateMachineDefinition definition = StateMachineDefinition.parse(Definitions.SOURCE, Definitions.json(
                "{'StartAt':'A','TimeoutSeconds':${Timeout},'States':{'A':{'Type':'Succeed'}}}"), Map.of("Timeout", "30"));

        assertThat(definition.timeout()).hasValue(java.time.Duration.ofSeconds(30));
    }

    static Stream<Arguments> unsupported() {
        String task = "'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'f'}";
        return Stream.of(
                Arguments.of("a Map state",
                        "{'StartAt':'A','States':{'A':{'Type':'Map','End':true}}}",
                        "States.A.Type: Map states are not supported by the local interpreter; it runs Task, Choice, Wait,"
                                + " Pass, Succeed and Fail"),
                Arguments.of("a Parallel state",
                        "{'StartAt':'A','States':{'A':{'Type':'Parallel','End':true}}}",
                        "States.A.Type: Parallel states are not supported by the local interpreter; it runs Task, Choice,"
                                + " Wait, Pass, Succeed and Fail"),
                Arguments.of("a made-up state type",
                        "{'StartAt':'A','States':{'A':{'Type':'Sleep','End':true}}}",
                        "States.A.Type: 'Sleep' is not a state type; expected Task, Choice, Wait, Pass, Succeed or Fail"),
                Arguments.of("an intrinsic function",
                        "{'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'doc.$':'States.StringToJson($.raw)'},'End':true}}}",
                        "States.A.Parameters.doc.$: intrinsic function States.StringToJson is not supported by the local"
                                + " interpreter; only paths are ($, $.field, $.field[0], $$.Context.Field)"),
                Arguments.of("an unknown field",
                        "{'StartAt':'A','States':{'A':{'Type':'Pass','Color':'red','End':true}}}",
                        "States.A.Color: unknown field for a Pass state; it takes [Comment, End, InputPath, Next,"
                                + " OutputPath, Parameters, Result, ResultPath, Type]"),
                Arguments.of("a field of another state type",
                        "{'StartAt':'A','States':{'A':{'Type':'Succeed','Next':'A'}}}",
                        "States.A.Next: unknown field for a Succeed state; it takes [Comment, InputPath, OutputPath, Type]"),
                Arguments.of("an ASL field the interpreter does not implement",
                        "{'StartAt':'A','States':{'A':{" + task + ",'HeartbeatSeconds':60,'End':true}}}",
                        "States.A.HeartbeatSeconds: HeartbeatSeconds on a Task state is not supported by the local"
                                + " interpreter; it supports [Catch, Comment, End, InputPath, Next, OutputPath, Parameters,"
                                + " Resource, ResultPath, ResultSelector, Retry, TimeoutSeconds, TimeoutSecondsPath, Type]"),
                Arguments.of("JSONata",
                        "{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Succeed'}}}",
                        "QueryLanguage: QueryLanguage on the definition is not supported by the local interpreter; it"
                                + " supports [Comment, StartAt, States, TimeoutSeconds, Version]"),
                Arguments.of("a Next pointing at no state",
                        "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'Nowhere'}}}",
                        "States.A: leads to 'Nowhere', which is not a state; states are [A]"),
                Arguments.of("a Catch pointing at no state",
                        "{'StartAt':'A','States':{'A':{" + task + ",'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Gone'}],'End':true}}}",
                        "States.A: leads to 'Gone', which is not a state; states are [A]"),
                Arguments.of("a StartAt naming no state",
                        "{'StartAt':'Begin','States':{'A':{'Type':'Succeed'}}}",
                        "StartAt: 'Begin' is not a state; states are [A]"),
                Arguments.of("an unreachable state",
                        "{'StartAt':'A','States':{'A':{'Type':'Succeed'},'Orphan':{'Type':'Succeed'}}}",
                        "States.Orphan: unreachable: no Next, Default, Choice rule or Catch leads to it from StartAt 'A'"),
                Arguments.of("a state with neither Next nor End",
                        "{'StartAt':'A','States':{'A':{'Type':'Pass'}}}",
                        "States.A: has neither Next nor End: the execution would not know where to go after it"),
                Arguments.of("a state with End false and no Next",
                        "{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':1,'End':false}}}",
                        "States.A: has neither Next nor End: the execution would not know where to go after it"),
                Arguments.of("a state with both Next and End",
                        "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','End':true},'B':{'Type':'Succeed'}}}",
                        "States.A: has both Next and End: a state either ends the execution or goes on"),
                Arguments.of("a wildcard path",
                        "{'StartAt':'A','States':{'A':{'Type':'Pass','InputPath':'$.items[*]','End':true}}}",
                        "States.A.InputPath: '$.items[*]' is not a path the local interpreter supports: '[*]' (wildcard)"
                                + " selects many nodes; supported paths are $, $.field, $.field[0] and $$.Context.Field"),
                Arguments.of("a deep scan",
                        "{'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'id.$':'$..id'},'End':true}}}",
                        "States.A.Parameters.id.$: '$..id' is not a path the local interpreter supports: '..' (deep scan)"
                                + " selects many nodes; supported paths are $, $.field, $.field[0] and $$.Context.Field"),
                Arguments.of("a filter expression",
                        "{'StartAt':'A','States':{'A':{'Type':'Pass','OutputPath':'$.stacks[?(@.drifted)]','End':true}}}",
                        "States.A.OutputPath: '$.stacks[?(@.drifted)]' is not a path the local interpreter supports:"
                                + " '[?(@.drifted)]' is a filter expression; supported paths are $, $.field, $.field[0] and"
                                + " $$.Context.Field"),
                Arguments.of("a ResultPath into the context object",
                        "{'StartAt':'A','States':{'A':{'Type':'Pass','ResultPath':'$$.Execution.Name','End':true}}}",
                        "States.A.ResultPath: ResultPath cannot write into the context object ($$)"),
                Arguments.of("another service integration",
                        "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage',"
                                + "'Parameters':{'QueueUrl':'q'},'End':true}}}",
                        "States.A.Resource: 'arn:aws:states:::sqs:sendMessage' is not a resource the local interpreter can"
                                + " run; the local interpreter runs arn:aws:states:::lambda:invoke and"
                                + " arn:aws:states:::lambda:invoke.waitForTaskToken"),
                Arguments.of("a Lambda ARN as the resource",
                        "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:lambda:eu-west-1:1:function:f','End':true}}}",
                        "States.A.Resource: a Lambda function ARN as Resource (the legacy integration) is not supported;"
                                + " use arn:aws:states:::lambda:invoke with Parameters.FunctionName; the local interpreter"
                                + " runs arn:aws:states:::lambda:invoke and arn:aws:states:::lambda:invoke.waitForTaskToken"),
                Arguments.of("a Lambda parameter the local integration does not simulate",
                        "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                                + "'Parameters':{'FunctionName':'f','InvocationType':'Event'},'End':true}}}",
                        "States.A.Parameters.InvocationType: InvocationType is not simulated by the local Lambda"
                                + " integration; it takes FunctionName and Payload"),
                Arguments.of("a task token wait that never passes the token",
                        "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',"
                                + "'Parameters':{'FunctionName':'f','Payload':{'x.$':'$'}},'End':true}}}",
                        "States.A.Parameters: a .waitForTaskToken task must pass $$.Task.Token in its Parameters, or"
                                + " nothing could ever resume it"),
                Arguments.of("a timeout on a plain Lambda task",
                        "{'StartAt':'A','States':{'A':{" + task + ",'TimeoutSeconds':30,'End':true}}}",
                        "States.A.TimeoutSeconds: TimeoutSeconds on a plain lambda:invoke task is not supported by the"
                                + " local interpreter (the local function cannot be interrupted); it is supported on"
                                + " .waitForTaskToken tasks"),
                Arguments.of("States.ALL among other errors",
                        "{'StartAt':'A','States':{'A':{" + task + ",'Retry':[{'ErrorEquals':['States.ALL','Boom']}],'End':true}}}",
                        "States.A.Retry[0].ErrorEquals: States.ALL must appear alone, in the last entry: anything after it"
                                + " could never match"),
                Arguments.of("a made-up States error",
                        "{'StartAt':'A','States':{'A':{" + task + ",'Catch':[{'ErrorEquals':['States.Boom'],'Next':'A'}],'End':true}}}",
                        "States.A.Catch[0].ErrorEquals: 'States.Boom' is not a predefined error; names starting with"
                                + " States. are reserved"),
                Arguments.of("an unknown jitter strategy",
                        "{'StartAt':'A','States':{'A':{" + task + ",'Retry':[{'ErrorEquals':['Boom'],'JitterStrategy':'SOME'}],'End':true}}}",
                        "States.A.Retry[0].JitterStrategy: JitterStrategy is FULL or NONE, not 'SOME'"),
                Arguments.of("a Choice operator the interpreter does not know",
                        "{'StartAt':'A','States':{'A':{'Type':'Choice','Choices':[{'Variable':'$.x','StringContains':'a',"
                                + "'Next':'B'}],'Default':'B'},'B':{'Type':'Succeed'}}}",
                        "States.A.Choices[0].StringContains: 'StringContains' is not a Choice operator the local interpreter"
                                + " supports; it supports [And, Or, Not, IsBoolean, IsNull, IsNumeric, IsPresent, IsString,"
                                + " IsTimestamp, StringEquals, StringEqualsPath, StringLessThan, StringLessThanPath,"
                                + " StringGreaterThan, StringGreaterThanPath, StringLessThanEquals, StringLessThanEqualsPath,"
                                + " StringGreaterThanEquals, StringGreaterThanEqualsPath, StringMatches, NumericEquals,"
                                + " NumericEqualsPath, NumericLessThan, NumericLessThanPath, NumericGreaterThan,"
                                + " NumericGreaterThanPath, NumericLessThanEquals, NumericLessThanEqualsPath,"
                                + " NumericGreaterThanEquals, NumericGreaterThanEqualsPath, BooleanEquals, BooleanEqualsPath,"
                                + " TimestampEquals, TimestampEqualsPath, TimestampLessThan, TimestampLessThanPath,"
                                + " TimestampGreaterThan, TimestampGreaterThanPath, TimestampLessThanEquals,"
                                + " TimestampLessThanEqualsPath, TimestampGreaterThanEquals, TimestampGreaterThanEqualsPath]"),
                Arguments.of("a Choice rule with two operators",
                        "{'StartAt':'A','States':{'A':{'Type':'Choice','Choices':[{'Variable':'$.x','StringEquals':'a',"
                                + "'IsPresent':true,'Next':'B'}]},'B':{'Type':'Succeed'}}}",
                        "States.A.Choices[0]: a Choice rule has exactly one operator, found [StringEquals, IsPresent]"),
                Arguments.of("a Next inside a nested Choice rule",
                        "{'StartAt':'A','States':{'A':{'Type':'Choice','Choices':[{'Not':{'Variable':'$.x','IsNull':true,"
                                + "'Next':'B'},'Next':'B'}]},'B':{'Type':'Succeed'}}}",
                        "States.A.Choices[0].Not.Next: only top-level Choice rules have Next"),
                Arguments.of("a comparison with an operand of the wrong type",
                        "{'StartAt':'A','States':{'A':{'Type':'Choice','Choices':[{'Variable':'$.x','NumericEquals':'1',"
                                + "'Next':'B'}]},'B':{'Type':'Succeed'}}}",
                        "States.A.Choices[0].NumericEquals: NumericEquals cannot compare with \"1\": it takes a numeric operand"),
                Arguments.of("a Wait with two durations",
                        "{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':5,'SecondsPath':'$.s','End':true}}}",
                        "States.A: a Wait state takes exactly one of Seconds, SecondsPath, Timestamp and TimestampPath;"
                                + " found [Seconds, SecondsPath]"),
                Arguments.of("a Fail with both Error and ErrorPath",
                        "{'StartAt':'A','States':{'A':{'Type':'Fail','Error':'E','ErrorPath':'$.e'}}}",
                        "States.A: a Fail state takes Error or ErrorPath, not both"),
                Arguments.of("two states with the same name",
                        "{'StartAt':'A','States':{'A':{'Type':'Succeed'},'A':{'Type':'Succeed'}}}",
                        "line 1, column 52: not valid JSON: Duplicate field 'A'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    void refusesToLoadSayingWhereAndWhy_whenDefinitionUsesWhatTheInterpreterDoesNotRun(String what, String definition,
                                                                                     String message) {
        assertThatThrownBy(() -> Definitions.of(definition))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage(Definitions.SOURCE + ": " + message);
    }
}
