package dev.caretaker.local.stepfunctions;

import dev.caretaker.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Local state machines for tests: virtual-thread executor, a clock that only moves when an
 * execution sleeps, and jitter that always picks the same fraction of the delay.
 */
final class Harness implements AutoCloseable {

    static final String STATE_MACHINE_ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-test";
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Duration PATIENCE = Duration.ofSeconds(10);

    final RecordingSleeper sleeper = new RecordingSleeper(T0);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger runs = new AtomicInteger();
    private final double jitterFraction;

    Harness() {
        this(0.5);
    }

    Harness(double jitterFraction) {
        this.jitterFraction = jitterFraction;
    }

    ExecutionEnvironment environment() {
        RandomGenerator fixed = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is used for jitter");
            }

            @Override
            public double nextDouble() {
                return jitterFraction;
            }
        };
        return new ExecutionEnvironment(executor, sleeper.clock(), sleeper, fixed);
    }

    LocalStateMachine machine(StateMachineDefinition definition, Map<String, TaskFunction> functions) {
        return new LocalStateMachine(STATE_MACHINE_ARN, definition, functions, environment());
    }

    LocalStateMachine machine(String singleQuotedDefinition, Map<String, TaskFunction> functions) {
        return machine(Definitions.of(singleQuotedDefinition), functions);
    }

    LocalStateMachine machine(String singleQuotedDefinition) {
        return machine(singleQuotedDefinition, Map.of());
    }

    /** Runs an execution to its end and describes it. */
    ExecutionDescription run(LocalStateMachine machine, String singleQuotedInput) {
        String name = "run-" + runs.incrementAndGet();
        machine.startExecution(name, Definitions.json(singleQuotedInput));
        try {
            return machine.awaitCompletion(name, PATIENCE);
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The output of an execution that must have succeeded, as a map for assertions. */
    static Map<String, Object> outputOf(ExecutionDescription execution) {
        if (execution.status() != ExecutionStatus.SUCCEEDED) {
            throw new AssertionError("expected SUCCEEDED but was " + execution.status() + ": " + execution.error()
                    + ": " + execution.cause());
        }
        return Json.read(execution.output(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
