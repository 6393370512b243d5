package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one execution from StartAt to its end, on the executor thread it was given. */
final class ExecutionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRunner.class);

    private final StateMachineDefinition definition;
    private final String stateMachineArn;
    private final String stateMachineName;
    private final ExecutionEnvironment environment;
    private final TaskStateRunner tasks;

    ExecutionRunner(StateMachineDefinition definition, String stateMachineArn, String stateMachineName,
                    ExecutionEnvironment environment, TaskStateRunner tasks) {
        this.definition = definition;
        this.stateMachineArn = stateMachineArn;
        this.stateMachineName = stateMachineName;
        this.environment = environment;
        this.tasks = tasks;
    }

    void run(Execution execution) {
        Instant deadline = definition.timeout().map(timeout -> execution.startDate().plus(timeout)).orElse(null);
        ExecutionClock clock = new ExecutionClock(environment, deadline);
        try {
            runStates(execution, clock);
        } catch (StateFailure failure) {
            execution.fail(failure.error(), failure.cause());
        } catch (DeadlineReached timedOut) {
            execution.timeOut(ErrorNames.TIMEOUT, "the execution ran longer than the definition's TimeoutSeconds ("
                    + definition.timeout().map(Duration::toSeconds).orElse(0L) + ")");
        } catch (InterruptedException interrupted) {
            // A stop has already closed the execution; otherwise the executor is shutting down under it.
            execution.abort("Local.Interrupted", "the local runtime stopped while the execution was running");
        } catch (RuntimeException bug) {
            LOG.error("local interpreter failed in execution {}", execution.executionArn(), bug);
            execution.fail(ErrorNames.RUNTIME, "the local interpreter failed: " + bug);
        }
    }

    private void runStates(Execution execution, ExecutionClock clock)
            throws StateFailure, DeadlineReached, InterruptedException {
        JsonNode data = execution.input();
        String current = definition.startAt();
        while (true) {
            if (!execution.isRunning()) {
                return;
            }
            clock.checkDeadline();
            State state = definition.state(current);
            ContextObject context = new ContextObject(execution.executionArn(), execution.name(), execution.input(),
                    execution.startDate(), stateMachineArn, stateMachineName, current, clock.now());
            execution.record(new HistoryEvent.StateEntered(current, state.type(), data.toString()));
            StepResult result = switch (state) {
                case State.Task task -> tasks.run(task, data, context, execution, clock);
                case State.Pass pass -> pass(pass, data, context);
                case State.Choice choice -> choice(choice, data, context);
                case State.Wait wait -> waitState(wait, data, context, execution, clock);
                case State.Succeed succeed -> new StepResult.Succeeded(
                        succeed.outputPath().select(succeed.inputPath().select(data, context.build(0, null)), context.build(0, null)));
                case State.Fail fail -> fail(fail, data, context);
            };
            switch (result) {
                case StepResult.Next next -> {
                    execution.record(new HistoryEvent.StateExited(current, next.output().toString()));
                    data = next.output();
                    current = next.state();
                }
                case StepResult.Succeeded succeeded -> {
                    execution.record(new HistoryEvent.StateExited(current, succeeded.output().toString()));
                    execution.succeed(succeeded.output());
                    return;
                }
                case StepResult.Failed failed -> {
                    execution.fail(failed.error(), failed.cause());
                    return;
                }
            }
        }
    }

    private static StepResult pass(State.Pass pass, JsonNode data, ContextObject context) throws StateFailure {
        JsonNode contextNode = context.build(0, null);
        JsonNode effectiveInput = pass.inputPath().select(data, contextNode);
        if (pass.parameters() != null) {
            effectiveInput = pass.parameters().render(effectiveInput, contextNode);
        }
        JsonNode result = pass.result() != null ? pass.result().deepCopy() : effectiveInput;
        return StepResult.after(pass.transition(), pass.outputPath().select(pass.resultPath().apply(data, result), contextNode));
    }

    private static StepResult choice(State.Choice choice, JsonNode data, ContextObject context) throws StateFailure {
        JsonNode contextNode = context.build(0, null);
        JsonNode effectiveInput = choice.inputPath().select(data, contextNode);
        for (ChoiceBranch branch : choice.choices()) {
            if (branch.condition().test(effectiveInput, contextNode)) {
                return new StepResult.Next(branch.next(), choice.outputPath().select(effectiveInput, contextNode));
            }
        }
        if (choice.defaultNext() != null) {
            return new StepResult.Next(choice.defaultNext(), choice.outputPath().select(effectiveInput, contextNode));
        }
        throw new StateFailure(ErrorNames.NO_CHOICE_MATCHED, "No Matches! (state " + choice.name() + ", input "
                + effectiveInput + ")");
    }

    private static StepResult waitState(State.Wait wait, JsonNode data, ContextObject context, Execution execution,
                                        ExecutionClock clock) throws StateFailure, InterruptedException, DeadlineReached {
        JsonNode contextNode = context.build(0, null);
        JsonNode effectiveInput = wait.inputPath().select(data, contextNode);
        Duration duration = wait.time().from(clock.now(), effectiveInput, contextNode);
        execution.record(new HistoryEvent.WaitStarted(wait.name(), duration));
        clock.sleep(duration);
        return StepResult.after(wait.transition(), wait.outputPath().select(effectiveInput, contextNode));
    }

    private static StepResult fail(State.Fail fail, JsonNode data, ContextObject context) throws StateFailure {
        JsonNode contextNode = context.build(0, null);
        String error = fail.errorPath() == null ? fail.error() : text(fail.errorPath(), "ErrorPath", data, contextNode);
        String cause = fail.causePath() == null ? fail.cause() : text(fail.causePath(), "CausePath", data, contextNode);
        return new StepResult.Failed(error, cause);
    }

    private static String text(JsonPath path, String field, JsonNode data, JsonNode context) throws StateFailure {
        JsonNode value = path.read(data, context).orElseThrow(() -> StateFailure.runtime(
                "Invalid path '" + path + "' : No results for " + field + " in '" + data + "'"));
        if (!value.isTextual()) {
            throw StateFailure.runtime("The " + field + " '" + path + "' selected " + value + ", not a string");
        }
        return value.asText();
    }
}
