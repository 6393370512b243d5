package dev.caretaker.local.stepfunctions;

import static dev.caretaker.local.stepfunctions.Harness.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** InputPath, Parameters, ResultSelector, ResultPath and OutputPath, in the order Step Functions applies them. */
class DataFlowTest {

    private final Harness harness = new Harness();
    private final List<JsonNode> payloads = new CopyOnWriteArrayList<>();
    private final TaskFunction worker = payload -> {
        payloads.add(payload);
        return Json.read("{\"ok\":true}", JsonNode.class);
    };

    @AfterEach
    void close() {
        harness.close();
    }

    private static Map<String, Object> map(String singleQuoted) {
        return Json.read(Definitions.json(singleQuoted), new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void buildsPayloadFromInputAndContextAndKeepsSelectedResultAtResultPath_whenTaskHasParametersSelectorAndResultPath() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Call','States':{'Call':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'worker','Payload':{"
                + "'action':'check','stack.$':'$.stack','execution.$':'$$.Execution.Name','id.$':'$$.Execution.Id',"
                + "'tags':[{'first.$':'$.tags[0]'},'literal'],'all.$':'$'}},"
                + "'ResultSelector':{'payload.$':'$.Payload','status.$':'$.StatusCode','fixed':'yes'},"
                + "'ResultPath':'$.call.result','End':true}}}", Map.of("worker", worker));

        ExecutionDescription run = harness.run(machine, "{'stack':'app','tags':['a','b']}");

        assertThat(payloads).singleElement().isEqualTo(Json.mapper().valueToTree(map("{'action':'check','stack':'app',"
                + "'execution':'run-1','id':'arn:aws:states:eu-west-1:123456789012:execution:caretaker-test:run-1',"
                + "'tags':[{'first':'a'},'literal'],'all':{'stack':'app','tags':['a','b']}}")));
        assertThat(outputOf(run)).isEqualTo(map("{'stack':'app','tags':['a','b'],"
                + "'call':{'result':{'payload':{'ok':true},'status':200,'fixed':'yes'}}}"));
    }

    @Test
    void returnsTheLambdaInvokeResponseShape_whenTaskHasNoSelectorAndDefaultResultPath() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Call','States':{'Call':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'worker','Payload.$':'$'},"
                + "'End':true}}}", Map.of("worker", worker));

        Map<String, Object> output = outputOf(harness.run(machine, "{'stack':'app'}"));

        assertThat(output).containsEntry("Payload", Map.of("ok", true))
                .containsEntry("StatusCode", 200)
                .containsEntry("ExecutedVersion", "$LATEST")
                .containsKeys("SdkHttpMetadata", "SdkResponseMetadata");
        assertThat(payloads).singleElement().isEqualTo(Json.mapper().valueToTree(Map.of("stack", "app")));
    }

    @Test
    void passesInputThrough_whenResultPathIsNull() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Call','States':{'Call':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'worker'},"
                + "'ResultPath':null,'End':true}}}", Map.of("worker", worker));

        assertThat(outputOf(harness.run(machine, "{'stack':'app'}"))).isEqualTo(Map.of("stack", "app"));
        assertThat(payloads).singleElement().isEqualTo(Json.mapper().createObjectNode());
    }

    @Test
    void mergesIntoTheRawInputNotTheSelectedOne_whenInputPathAndResultPathAreBothSet() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Copy','States':{'Copy':{'Type':'Pass',"
                + "'InputPath':'$.release','ResultPath':'$.copy','End':true}}}");

        assertThat(outputOf(harness.run(machine, "{'release':{'version':'1.4.2'},'jobId':'j'}")))
                .isEqualTo(map("{'release':{'version':'1.4.2'},'jobId':'j','copy':{'version':'1.4.2'}}"));
    }

    @Test
    void createsMissingObjectsAndKeepsSiblings_whenResultPathIsDeep() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Put','States':{'Put':{'Type':'Pass',"
                + "'Result':{'n':1},'ResultPath':'$.a.b.c','End':true}}}");

        assertThat(outputOf(harness.run(machine, "{'a':{'keep':true}}"))).isEqualTo(map("{'a':{'keep':true,'b':{'c':{'n':1}}}}"));
    }

    @Test
    void replacesTheInput_whenResultPathIsTheRoot() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Put','States':{'Put':{'Type':'Pass',"
                + "'Result':{'n':1},'ResultPath':'$','End':true}}}");

        assertThat(outputOf(harness.run(machine, "{'old':true}"))).isEqualTo(Map.of("n", 1));
    }

    @Test
    void outputsOnlyTheSelectedPart_whenOutputPathIsSet() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Put','States':{'Put':{'Type':'Pass',"
                + "'Parameters':{'v.$':'$.release.version','by':'pass'},'ResultPath':'$.shaped','OutputPath':'$.shaped','End':true}}}");

        assertThat(outputOf(harness.run(machine, "{'release':{'version':'1.4.2'}}"))).isEqualTo(Map.of("v", "1.4.2", "by", "pass"));
    }

    @Test
    void outputsAnEmptyObject_whenOutputPathIsNull() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Put','States':{'Put':{'Type':'Pass',"
                + "'OutputPath':null,'End':true}}}");

        assertThat(outputOf(harness.run(machine, "{'a':1}"))).isEmpty();
    }

    @Test
    void worksOnAnEmptyObject_whenInputPathIsNull() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Put','States':{'Put':{'Type':'Pass',"
                + "'InputPath':null,'ResultPath':'$.seen','End':true}}}");

        assertThat(outputOf(harness.run(machine, "{'a':1}"))).isEqualTo(map("{'a':1,'seen':{}}"));
    }

    @Test
    void failsWithResultPathMatchFailure_whenResultPathLeadsThroughANonObject() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Put','States':{'Put':{'Type':'Pass',"
                + "'Result':1,'ResultPath':'$.a.b','End':true}}}");

        ExecutionDescription run = harness.run(machine, "{'a':'text'}");

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.ResultPathMatchFailure");
        assertThat(run.cause()).isEqualTo("Unable to apply ResultPath '$.a.b' to input '{\"a\":\"text\"}': the path must"
                + " lead through objects");
    }

    @Test
    void failsWithStatesRuntimeThatNoCatchTakes_whenAParametersPathFindsNothing() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Call','States':{'Call':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'worker','Payload':{'v.$':'$.version'}},"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Caught'}],'End':true},'Caught':{'Type':'Succeed'}}}",
                Map.of("worker", worker));

        ExecutionDescription run = harness.run(machine, "{'stack':'app'}");

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.Runtime");
        assertThat(run.cause()).isEqualTo("The JSONPath '$.version' specified for the field 'v.$' could not be found in"
                + " the input '{\"stack\":\"app\"}'");
        assertThat(payloads).isEmpty();
    }

    @Test
    void failsWithStatesRuntime_whenInputPathFindsNothing() {
        LocalStateMachine machine = harness.machine("{'StartAt':'Put','States':{'Put':{'Type':'Pass',"
                + "'InputPath':'$.missing','End':true}}}");

        ExecutionDescription run = harness.run(machine, "{'a':1}");

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.Runtime");
        assertThat(run.cause()).isEqualTo("Invalid path '$.missing' : No results for InputPath in '{\"a\":1}'");
    }
}
