package dev.caretaker.local.stepfunctions;

import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

/**
 * What executions run on: the executor that runs each execution as one task (an execution blocks
 * its thread while it waits, so virtual threads suit it), the clock for history and Wait
 * timestamps, the sleeper for every wait, and the source of retry jitter (shared by concurrent
 * executions, so it must be thread-safe).
 */
public record ExecutionEnvironment(ExecutorService executor, Clock clock, Sleeper sleeper, RandomGenerator jitter) {

    public ExecutionEnvironment {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(jitter, "jitter");
    }

    /** Real time: the system clock, real sleeps, random jitter. */
    public static ExecutionEnvironment system(ExecutorService executor) {
        return new ExecutionEnvironment(executor, Clock.systemUTC(), Sleeper.system(), new Random());
    }
}
