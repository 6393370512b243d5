package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one state of the definition into its {@link State} record, refusing whatever the interpreter cannot run. */
final class StateParser {

    private static final Set<String> TASK_FIELDS = Set.of("Type", "Comment", "Resource", "Parameters", "ResultSelector",
            "ResultPath", "InputPath", "OutputPath", "Retry", "Catch", "Next", "End", "TimeoutSeconds", "TimeoutSecondsPath");
    private static final Set<String> PASS_FIELDS = Set.of("Type", "Comment", "Result", "ResultPath", "Parameters",
            "InputPath", "OutputPath", "Next", "End");
    private static final Set<String> CHOICE_FIELDS = Set.of("Type", "Comment", "Choices", "Default", "InputPath", "OutputPath");
    private static final Set<String> WAIT_FIELDS = Set.of("Type", "Comment", "Seconds", "SecondsPath", "Timestamp",
            "TimestampPath", "InputPath", "OutputPath", "Next", "End");
    private static final Set<String> SUCCEED_FIELDS = Set.of("Type", "Comment", "InputPath", "OutputPath");
    private static final Set<String> FAIL_FIELDS = Set.of("Type", "Comment", "Error", "Cause", "ErrorPath", "CausePath");
    private static final Set<String> LAMBDA_PARAMETERS = Set.of("FunctionName", "FunctionName.$", "Payload", "Payload.$");

    private StateParser() {
    }

    static State parse(String name, JsonNode node) {
        String location = "States." + name;
        String type = new Fields(node, location, "state " + name).requiredString("Type");
        return switch (type) {
            case "Task" -> task(name, new Fields(node, location, "a Task state"));
            case "Pass" -> pass(name, new Fields(node, location, "a Pass state"));
            case "Choice" -> choice(name, new Fields(node, location, "a Choice state"));
            case "Wait" -> waitState(name, new Fields(node, location, "a Wait state"));
            case "Succeed" -> succeed(name, new Fields(node, location, "a Succeed state"));
            case "Fail" -> fail(name, new Fields(node, location, "a Fail state"));
            case "Map", "Parallel" -> throw new DefinitionProblem(location + ".Type", type
                    + " states are not supported by the local interpreter; it runs Task, Choice, Wait, Pass, Succeed and Fail");
            default -> throw new DefinitionProblem(location + ".Type", "'" + type
                    + "' is not a state type; expected Task, Choice, Wait, Pass, Succeed or Fail");
        };
    }

    private static State task(String name, Fields task) {
        task.allowOnly(TASK_FIELDS);
        String arn = task.requiredString("Resource");
        TaskResource resource = TaskResource.of(arn)
                .orElseThrow(() -> new DefinitionProblem(task.at("Resource"), unsupportedResource(arn)));
        JsonNode parametersNode = task.get("Parameters");
        if (parametersNode == null || !parametersNode.isObject()) {
            throw new DefinitionProblem(task.at("Parameters"), "a lambda:invoke task needs a Parameters object with FunctionName");
        }
        checkLambdaParameters(parametersNode, task.at("Parameters"));
        PayloadTemplate parameters = PayloadTemplate.compile(parametersNode, task.at("Parameters"));
        if (resource.waitsForTaskToken() && !parameters.readsTaskToken()) {
            throw new DefinitionProblem(task.at("Parameters"), "a .waitForTaskToken task must pass $$.Task.Token in its"
                    + " Parameters, or nothing could ever resume it");
        }
        if (!resource.waitsForTaskToken() && parameters.readsTaskToken()) {
            throw new DefinitionProblem(task.at("Parameters"), "$$.Task.Token exists only in .waitForTaskToken tasks");
        }
        PayloadTemplate resultSelector = null;
        if (task.has("ResultSelector")) {
            JsonNode selector = task.get("ResultSelector");
            if (!selector.isObject()) {
                throw new DefinitionProblem(task.at("ResultSelector"), "ResultSelector must be an object");
            }
            resultSelector = PayloadTemplate.compile(selector, task.at("ResultSelector"));
            if (resultSelector.readsTaskToken()) {
                throw new DefinitionProblem(task.at("ResultSelector"), "$$.Task.Token is not available to ResultSelector");
            }
        }
        Integer timeoutSeconds = task.optionalInt("TimeoutSeconds", 1);
        JsonPath timeoutPath = task.optionalPath("TimeoutSecondsPath");
        if (timeoutSeconds != null && timeoutPath != null) {
            throw new DefinitionProblem(task.location(), "a Task state takes TimeoutSeconds or TimeoutSecondsPath, not both");
        }
        if (timeoutPath != null && !resource.waitsForTaskToken()) {
            throw new DefinitionProblem(task.at("TimeoutSecondsPath"), "TimeoutSecondsPath on a plain lambda:invoke task is not"
                    + " supported by the local interpreter (the local function cannot be interrupted); it is supported on"
                    + " .waitForTaskToken tasks");
        }
        if (timeoutSeconds != null && !resource.waitsForTaskToken()) {
            // The function runs on the execution's own thread; cutting it off would leave it running anyway.
            throw new DefinitionProblem(task.at("TimeoutSeconds"), "TimeoutSeconds on a plain lambda:invoke task is not"
                    + " supported by the local interpreter (the local function cannot be interrupted); it is supported on"
                    + " .waitForTaskToken tasks");
        }
        return new State.Task(name, resource, parameters, resultSelector,
                ResultPath.parse(task.get("ResultPath"), task.at("ResultPath")),
                DataSelection.parse("InputPath", task.get("InputPath"), task.at("InputPath")),
                DataSelection.parse("OutputPath", task.get("OutputPath"), task.at("OutputPath")),
                ErrorHandlingParser.retriers(task), ErrorHandlingParser.catchers(task),
                timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds), timeoutPath, transition(task));
    }

    private static State pass(String name, Fields pass) {
        pass.allowOnly(PASS_FIELDS);
        PayloadTemplate parameters = null;
        if (pass.has("Parameters")) {
            if (!pass.get("Parameters").isObject()) {
                throw new DefinitionProblem(pass.at("Parameters"), "Parameters must be an object");
            }
            parameters = PayloadTemplate.compile(pass.get("Parameters"), pass.at("Parameters"));
            if (parameters.readsTaskToken()) {
                throw new DefinitionProblem(pass.at("Parameters"), "$$.Task.Token exists only in .waitForTaskToken tasks");
            }
        }
        return new State.Pass(name, pass.get("Result"), parameters,
                ResultPath.parse(pass.get("ResultPath"), pass.at("ResultPath")),
                DataSelection.parse("InputPath", pass.get("InputPath"), pass.at("InputPath")),
                DataSelection.parse("OutputPath", pass.get("OutputPath"), pass.at("OutputPath")), transition(pass));
    }

    private static State choice(String name, Fields choice) {
        choice.allowOnly(CHOICE_FIELDS);
        JsonNode rules = choice.get("Choices");
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            throw new DefinitionProblem(choice.at("Choices"), "a Choice state needs a non-empty Choices array");
        }
        List<ChoiceBranch> branches = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            branches.add(ChoiceRuleParser.branch(rules.get(i), choice.at("Choices") + "[" + i + "]"));
        }
        return new State.Choice(name, branches, choice.optionalString("Default"),
                DataSelection.parse("InputPath", choice.get("InputPath"), choice.at("InputPath")),
                DataSelection.parse("OutputPath", choice.get("OutputPath"), choice.at("OutputPath")));
    }

    private static State waitState(String name, Fields wait) {
        wait.allowOnly(WAIT_FIELDS);
        List<String> given = Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath").stream()
                .filter(wait::has).sorted().toList();
        if (given.size() != 1) {
            throw new DefinitionProblem(wait.location(), "a Wait state takes exactly one of Seconds, SecondsPath,"
                    + " Timestamp and TimestampPath; found " + (given.isEmpty() ? "none" : given));
        }
        WaitTime time = switch (given.get(0)) {
            case "Seconds" -> new WaitTime.Seconds(wait.optionalInt("Seconds", 0));
            case "SecondsPath" -> new WaitTime.SecondsPath(wait.optionalPath("SecondsPath"));
            case "Timestamp" -> {
                Instant at = WaitTime.timestamp(wait.optionalString("Timestamp"));
                if (at == null) {
                    throw new DefinitionProblem(wait.at("Timestamp"), "Timestamp must be RFC 3339, e.g. 2026-03-14T01:59:00Z");
                }
                yield new WaitTime.Until(at);
            }
            default -> new WaitTime.UntilPath(wait.optionalPath("TimestampPath"));
        };
        return new State.Wait(name, time, DataSelection.parse("InputPath", wait.get("InputPath"), wait.at("InputPath")),
                DataSelection.parse("OutputPath", wait.get("OutputPath"), wait.at("OutputPath")), transition(wait));
    }

    private static State succeed(String name, Fields succeed) {
        succeed.allowOnly(SUCCEED_FIELDS);
        return new State.Succeed(name, DataSelection.parse("InputPath", succeed.get("InputPath"), succeed.at("InputPath")),
                DataSelection.parse("OutputPath", succeed.get("OutputPath"), succeed.at("OutputPath")));
    }

    private static State fail(String name, Fields fail) {
        fail.allowOnly(FAIL_FIELDS);
        if (fail.has("Error") && fail.has("ErrorPath")) {
            throw new DefinitionProblem(fail.location(), "a Fail state takes Error or ErrorPath, not both");
        }
        if (fail.has("Cause") && fail.has("CausePath")) {
            throw new DefinitionProblem(fail.location(), "a Fail state takes Cause or CausePath, not both");
        }
        return new State.Fail(name, fail.optionalString("Error"), fail.optionalPath("ErrorPath"),
                fail.optionalString("Cause"), fail.optionalPath("CausePath"));
    }

    private static Transition transition(Fields state) {
        JsonNode end = state.get("End");
        if (end != null && !end.isBoolean()) {
            throw new DefinitionProblem(state.at("End"), "End must be true or false, not " + end);
        }
        boolean ends = end != null && end.booleanValue();
        if (state.has("Next") && ends) {
            throw new DefinitionProblem(state.location(), "has both Next and End: a state either ends the execution or goes on");
        }
        if (state.has("Next")) {
            return new Transition.Next(state.requiredString("Next"));
        }
        if (!ends) {
            throw new DefinitionProblem(state.location(), "has neither Next nor End: the execution would not know where"
                    + " to go after it");
        }
        return new Transition.End();
    }

    private static void checkLambdaParameters(JsonNode parameters, String location) {
        for (var entry : parameters.properties()) {
            if (!LAMBDA_PARAMETERS.contains(entry.getKey())) {
                throw new DefinitionProblem(location + "." + entry.getKey(), entry.getKey()
                        + " is not simulated by the local Lambda integration; it takes FunctionName and Payload");
            }
        }
        if (!parameters.has("FunctionName") && !parameters.has("FunctionName.$")) {
            throw new DefinitionProblem(location, "a lambda:invoke task needs Parameters.FunctionName");
        }
        if (parameters.has("FunctionName") && parameters.has("FunctionName.$")
                || parameters.has("Payload") && parameters.has("Payload.$")) {
            throw new DefinitionProblem(location, "a parameter is given both with and without .$");
        }
    }

    private static String unsupportedResource(String arn) {
        String supported = "; the local interpreter runs " + TaskResource.LAMBDA_INVOKE.arn() + " and "
                + TaskResource.LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN.arn();
        if (arn.startsWith("arn:aws:lambda:")) {
            return "a Lambda function ARN as Resource (the legacy integration) is not supported; use "
                    + TaskResource.LAMBDA_INVOKE.arn() + " with Parameters.FunctionName" + supported;
        }
        if (arn.startsWith(TaskResource.LAMBDA_INVOKE.arn() + ".")) {
            return "integration pattern '" + arn.substring(TaskResource.LAMBDA_INVOKE.arn().length()) + "' is not supported"
                    + supported;
        }
        return "'" + arn + "' is not a resource the local interpreter can run" + supported;
    }
}
