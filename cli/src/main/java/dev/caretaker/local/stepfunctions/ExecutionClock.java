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
     * Waits for a task token's answer, at most {@code timeout} (null: no limit). Unlike other waits
     * this one is real time: the answer comes from another thread, not from the clock.
     */
    TaskTokens.Outcome await(TaskTokens.Pending pending, Duration timeout)
            throws InterruptedException, DeadlineReached, StateFailure {
        Duration left = untilDeadline();
        boolean deadlineFirst = left != null && (timeout == null || left.compareTo(timeout) < 0);
        Duration limit = deadlineFirst ? left : timeout;
        try {
            return limit == null ? pending.outcome().get() : pending.outcome().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (deadlineFirst) {
                throw new DeadlineReached();
            }
            throw new StateFailure(ErrorNames.TIMEOUT, "the task token was not answered within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a task token outcome is never completed exceptionally", e);
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
