package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One state machine run locally: the execution API of Step Functions (StartExecution,
 * DescribeExecution, the history, StopExecution, SendTaskSuccess/Failure) over a loaded definition,
 * with Lambda tasks served by local functions. Each execution runs as one task on the environment's
 * executor; the caller may wait for it with {@link #awaitCompletion}.
 */
public final class LocalStateMachine {

    private static final Pattern STATE_MACHINE_ARN =
            Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:([A-Za-z0-9_-]{1,80})");
    /** Step Functions' limit on execution input and task output. */
    private static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** Characters Step Functions refuses in execution names. */
    private static final Pattern NAME_FORBIDDEN = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]");

    private final String stateMachineArn;
    private final StateMachineDefinition definition;
    private final ExecutionEnvironment environment;
    private final TaskTokens tokens = new TaskTokens();
    private final ExecutionRunner runner;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();

    /**
     * @param functions the local functions by the FunctionName the definition resolves, e.g. the
     *                  ARN substituted for {@code ${DeploymentWorkerFunctionArn}}
     */
    public LocalStateMachine(String stateMachineArn, StateMachineDefinition definition, Map<String, TaskFunction> functions,
                             ExecutionEnvironment environment) {
        Matcher arn = STATE_MACHINE_ARN.matcher(Objects.requireNonNull(stateMachineArn, "stateMachineArn"));
        if (!arn.matches()) {
            throw new IllegalArgumentException("not a state machine ARN: " + stateMachineArn
                    + " (expected arn:aws:states:<region>:<account>:stateMachine:<name>)");
        }
        this.stateMachineArn = stateMachineArn;
        this.definition = Objects.requireNonNull(definition, "definition");
        this.environment = Objects.requireNonNull(environment, "environment");
        TaskStateRunner tasks = new TaskStateRunner(new LambdaInvokeIntegration(functions), tokens, environment.jitter());
        this.runner = new ExecutionRunner(definition, stateMachineArn, arn.group(1), environment, tasks);
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    public StateMachineDefinition definition() {
        return definition;
    }

    /** The ARN Step Functions gives the execution of this state machine with that name. */
    public String executionArn(String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    /**
     * Starts an execution, exactly once per name: the same name with the same input while it runs
     * returns that execution (StartExecution is idempotent so for Standard workflows); with another
     * input, or once it has closed, the answer is ExecutionAlreadyExists. A null name gets a UUID and
     * a null input is {@code {}}, as in Step Functions.
     */
    public StartedExecution startExecution(String name, String input) {
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        checkName(executionName);
        JsonNode parsedInput = parseInput(input == null ? "{}" : input);
        Execution started;
        synchronized (executions) {
            Execution existing = executions.get(executionName);
            if (existing != null) {
                if (existing.isRunning() && existing.input().equals(parsedInput)) {
                    return new StartedExecution(existing.executionArn(), existing.startDate());
                }
                throw new StepFunctionsApiException(StepFunctionsApiException.Code.EXECUTION_ALREADY_EXISTS,
                        "Execution Already Exists: '" + existing.executionArn() + "'");
            }
            started = new Execution(executionName, executionArn(executionName), stateMachineArn, parsedInput,
                    environment.clock());
            executions.put(executionName, started);
        }
        started.attach(environment.executor().submit(() -> runner.run(started)));
        return new StartedExecution(started.executionArn(), started.startDate());
    }

    public ExecutionDescription describeExecution(String name) {
        return execution(name).describe();
    }

    /** The execution's history so far, oldest first: state entered and exited, retries, errors, the end. */
    public List<HistoryEvent> executionHistory(String name) {
        return execution(name).history();
    }

    /**
     * Waits until the execution closes and describes it.
     *
     * @throws TimeoutException if it is still running after {@code timeout}; the message says where it is
     */
    public ExecutionDescription awaitCompletion(String name, Duration timeout) throws TimeoutException, InterruptedException {
        Execution execution = execution(name);
        try {
            return execution.completion().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            List<HistoryEvent> history = execution.history();
            throw new TimeoutException("execution " + name + " still RUNNING after " + timeout + "; last event: "
                    + history.get(history.size() - 1).describe());
        } catch (ExecutionException e) {
            throw new IllegalStateException("an execution's completion is never completed exceptionally", e);
        }
    }

    /** Stops a running execution (ABORTED, with the error and cause given); a closed one is left as it is. */
    public Instant stopExecution(String name, String error, String cause) {
        Execution execution = execution(name);
        execution.abort(error, cause);
        return execution.describe().stopDate();
    }

    /** Resumes the task waiting with this token, with {@code output} as its result. */
    public void sendTaskSuccess(String taskToken, String output) {
        JsonNode parsed;
        try {
            parsed = Json.mapper().readTree(Objects.requireNonNull(output, "output"));
        } catch (JsonProcessingException e) {
            throw new StepFunctionsApiException(StepFunctionsApiException.Code.INVALID_OUTPUT,
                    "Invalid Output: " + e.getOriginalMessage());
        }
        if (output.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new StepFunctionsApiException(StepFunctionsApiException.Code.INVALID_OUTPUT, "Invalid Output: larger than 256 KiB");
        }
        tokens.answer(taskToken, new TaskTokens.Outcome.Success(parsed));
    }

    /** Fails the task waiting with this token with that error and cause, for its Retry and Catch to handle. */
    public void sendTaskFailure(String taskToken, String error, String cause) {
        tokens.answer(taskToken, new TaskTokens.Outcome.Failure(error, cause));
    }

    /** Whether this state machine issued the token: lets a front serving several machines route it. */
    boolean issuedTaskToken(String taskToken) {
        return tokens.issued(taskToken);
    }

    private Execution execution(String name) {
        Execution execution = name == null ? null : executions.get(name);
        if (execution == null) {
            throw new StepFunctionsApiException(StepFunctionsApiException.Code.EXECUTION_DOES_NOT_EXIST,
                    "Execution Does Not Exist: '" + executionArn(String.valueOf(name)) + "'");
        }
        return execution;
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > 80 || NAME_FORBIDDEN.matcher(name).find()) {
            throw new StepFunctionsApiException(StepFunctionsApiException.Code.INVALID_NAME, "Invalid Name: '" + name
                    + "' (1 to 80 characters, no whitespace, brackets, wildcards, control or special characters)");
        }
    }

    private static JsonNode parseInput(String input) {
        if (input.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new StepFunctionsApiException(StepFunctionsApiException.Code.INVALID_EXECUTION_INPUT,
                    "Invalid Execution Input: larger than 256 KiB");
        }
        try {
            JsonNode parsed = Json.mapper().readTree(input);
            if (parsed == null || parsed.isMissingNode()) {
                throw new StepFunctionsApiException(StepFunctionsApiException.Code.INVALID_EXECUTION_INPUT,
                        "Invalid Execution Input: empty");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw new StepFunctionsApiException(StepFunctionsApiException.Code.INVALID_EXECUTION_INPUT,
                    "Invalid Execution Input: " + e.getOriginalMessage());
        }
    }
}
