package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Runs a Task state: InputPath, Parameters, the Lambda call (and the wait for a task token),
 * ResultSelector, ResultPath, OutputPath; on an error, the first Retrier that covers it retries
 * until its MaxAttempts are spent, then the first Catcher that covers it takes over.
 */
final class TaskStateRunner {

    private final LambdaInvokeIntegration lambda;
    private final TaskTokens tokens;
    private final RandomGenerator jitter;

    TaskStateRunner(LambdaInvokeIntegration lambda, TaskTokens tokens, RandomGenerator jitter) {
        this.lambda = lambda;
        this.tokens = tokens;
        this.jitter = jitter;
    }

    StepResult run(State.Task task, JsonNode data, ContextObject context, Execution execution, ExecutionClock clock)
            throws StateFailure, InterruptedException, DeadlineReached {
        JsonNode effectiveInput = task.inputPath().select(data, context.build(0, null));
        List<Retrier> retriers = task.retriers();
        int[] attempts = new int[retriers.size()];
        int retries = 0;
        while (true) {
            StateFailure failure;
            try {
                JsonNode result = call(task, effectiveInput, context, retries, execution, clock);
                JsonNode contextNow = context.build(retries, null);
                if (task.resultSelector() != null) {
                    result = task.resultSelector().render(result, contextNow);
                }
                JsonNode output = task.outputPath().select(task.resultPath().apply(data, result), contextNow);
                return StepResult.after(task.transition(), output);
            } catch (StateFailure caught) {
                failure = caught;
            }
            if (!failure.isCatchable()) {
                throw failure;
            }
            execution.record(new HistoryEvent.TaskFailed(task.name(), failure.error(), failure.cause()));
            int retrier = firstCovering(retriers, failure.error());
            if (retrier >= 0 && attempts[retrier] < retriers.get(retrier).maxAttempts()) {
                attempts[retrier]++;
                retries++;
                Duration delay = retriers.get(retrier).delayBeforeRetry(attempts[retrier], jitter);
                execution.record(new HistoryEvent.RetryScheduled(task.name(), failure.error(), retries, delay));
                clock.sleep(delay);
                continue;
            }
            for (Catcher catcher : task.catchers()) {
                if (catcher.covers(failure.error())) {
                    ObjectNode errorOutput = JsonNodeFactory.instance.objectNode();
                    errorOutput.put("Error", failure.error());
                    errorOutput.put("Cause", failure.cause());
                    execution.record(new HistoryEvent.ErrorCaught(task.name(), failure.error(), catcher.next()));
                    return new StepResult.Next(catcher.next(), catcher.resultPath().apply(data, errorOutput));
                }
            }
            throw failure;
        }
    }

    private JsonNode call(State.Task task, JsonNode effectiveInput, ContextObject context, int retries,
                          Execution execution, ExecutionClock clock) throws StateFailure, InterruptedException, DeadlineReached {
        if (!task.resource().waitsForTaskToken()) {
            return lambda.invoke(task.parameters().render(effectiveInput, context.build(retries, null)));
        }
        // Issued before the call: the function may answer the token before it even returns.
        TaskTokens.Pending pending = tokens.issue();
        // As in Step Functions, the timeout runs from when the task starts, not from when the function returns.
        Duration timeout = timeout(task, effectiveInput, context);
        Instant started = clock.now();
        try {
            lambda.invoke(task.parameters().render(effectiveInput, context.build(retries, pending.token())));
            execution.record(new HistoryEvent.WaitingForTaskToken(task.name(), pending.token()));
            return switch (clock.await(pending, started, timeout)) {
                case TaskTokens.Outcome.Success success -> success.output();
                case TaskTokens.Outcome.Failure failure -> throw new StateFailure(failure.error(), failure.cause());
            };
        } finally {
            pending.abandon();
        }
    }

    /** TimeoutSeconds, or TimeoutSecondsPath read from the state's effective input, as Step Functions does. */
    private static Duration timeout(State.Task task, JsonNode effectiveInput, ContextObject context) throws StateFailure {
        if (task.timeoutPath() == null) {
            return task.timeout();
        }
        JsonNode value = task.timeoutPath().read(effectiveInput, context.build(0, null)).orElseThrow(() -> StateFailure.runtime(
                "Invalid path '" + task.timeoutPath() + "' : No results for TimeoutSecondsPath in '" + effectiveInput + "'"));
        if (!value.isIntegralNumber() || value.asLong() < 1) {
            throw StateFailure.runtime("TimeoutSecondsPath '" + task.timeoutPath() + "' selected " + value + ", not a positive integer");
        }
        return Duration.ofSeconds(value.asLong());
    }

    private static int firstCovering(List<Retrier> retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (retriers.get(i).covers(error)) {
                return i;
            }
        }
        return -1;
    }
}
