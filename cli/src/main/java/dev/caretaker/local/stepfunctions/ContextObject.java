package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The {@code $$} context object a state's paths can read: execution, state machine, state and task. */
record ContextObject(String executionArn, String executionName, JsonNode executionInput, Instant executionStart,
                     String stateMachineArn, String stateMachineName, String state, Instant entered) {

    JsonNode build(int retryCount, String taskToken) {
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", executionArn);
        execution.set("Input", executionInput);
        execution.put("Name", executionName);
        execution.put("StartTime", executionStart.toString());
        execution.put("RedriveCount", 0);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", stateMachineArn);
        machine.put("Name", stateMachineName);
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("EnteredTime", entered.toString());
        stateNode.put("Name", state);
        stateNode.put("RetryCount", retryCount);
        if (taskToken != null) {
            context.putObject("Task").put("Token", taskToken);
        }
        return context;
    }
}
