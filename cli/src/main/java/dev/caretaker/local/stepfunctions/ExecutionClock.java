package dev.caretaker.local.stepfunctions;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time as one execution sees it: the environment's clock and sleeper, bounded by the execution's
 * deadline (the definition's TimeoutSeconds), so that no wait outlives the execution.
 */
final class ExecutionClock {

    /** How often a task token wait looks at the clock. */
    private static final Duration AWAIT_SLICE = Duration.ofMillis(20);

    private final ExecutionEnvironment environment;
    private final Instant deadline;

    ExecutionClock(ExecutionEnvironment environment, Instant deadline) {
        this.environment = environment;
        this.deadline = deadline;
    }

    Instant now() {
        return environment.clock().instant();
    }

    void checkDeadline() throws DeadlineReached {
        if (deadline != null && !now().isBefore(deadline)) {
            throw new DeadlineReached();
        }
    }

    void sleep(Duration duration) throws InterruptedException, DeadlineReached {
        Duration left = untilDeadline();
        if (left != null && duration.compareTo(left) >= 0) {
            environment.sleeper().sleep(left);
            throw new DeadlineReached();
        }
        environment.sleeper().sleep(duration);
    }

    /**
     * Waits for a task token's answer, at most {@code timeout} from {@code started} (null: no limit)
     * and never past the execution's deadline. The answer comes from another thread, so this waits for it in short real
     * slices, and measures the timeout on the environment's clock: real time under the system clock,
     * and under a test's clock a timeout that passes as soon as the test moves the clock.
     */
    TaskTokens.Outcome await(TaskTokens.Pending pending, Instant started, Duration timeout)
            throws InterruptedException, DeadlineReached, StateFailure {
        Instant timesOut = timeout == null ? null : started.plus(timeout);
        while (true) {
            try {
                return pending.outcome().get(AWAIT_SLICE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                checkDeadline();
                if (timesOut != null && !now().isBefore(timesOut)) {
                    throw new StateFailure(ErrorNames.TIMEOUT, "the task token was not answered within " + timeout.toSeconds() + " s");
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("a task token outcome is never completed exceptionally", e);
            }
        }
    }

    private Duration untilDeadline() {
        if (deadline == null) {
            return null;
        }
        Duration left = Duration.between(now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
