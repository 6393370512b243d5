package dev.caretaker.local.stepfunctions;

import java.time.Duration;
import java.time.Instant;

/**
 * One entry of an execution's history, numbered from 1 in the order it happened. The details say
 * what happened; {@link #describe()} is a line a caller can print as progress.
 */
public record HistoryEvent(long id, Instant timestamp, Details details) {

    public String describe() {
        return "#" + id + " " + timestamp + " " + details.describe();
    }

    public sealed interface Details {
        String describe();
    }

    public record ExecutionStarted(String input) implements Details {
        @Override
        public String describe() {
            return "execution started with " + input;
        }
    }

    public record StateEntered(String state, String type, String input) implements Details {
        @Override
        public String describe() {
            return state + " (" + type + ") entered";
        }
    }

    public record StateExited(String state, String output) implements Details {
        @Override
        public String describe() {
            return state + " exited";
        }
    }

    /** A task's error, before Retry or Catch decide what happens next. */
    public record TaskFailed(String state, String error, String cause) implements Details {
        @Override
        public String describe() {
            return state + " failed: " + error;
        }
    }

    public record RetryScheduled(String state, String error, int retry, Duration delay) implements Details {
        @Override
        public String describe() {
            return state + " retry " + retry + " after " + error + " in " + delay.toMillis() + " ms";
        }
    }

    public record ErrorCaught(String state, String error, String next) implements Details {
        @Override
        public String describe() {
            return state + " caught " + error + ", going to " + next;
        }
    }

    /** A .waitForTaskToken task is paused until SendTaskSuccess or SendTaskFailure with this token. */
    public record WaitingForTaskToken(String state, String taskToken) implements Details {
        @Override
        public String describe() {
            return state + " waiting for its task token";
        }
    }

    public record WaitStarted(String state, Duration duration) implements Details {
        @Override
        public String describe() {
            return state + " waiting " + duration;
        }
    }

    public record ExecutionSucceeded(String output) implements Details {
        @Override
        public String describe() {
            return "execution succeeded";
        }
    }

    public record ExecutionFailed(String error, String cause) implements Details {
        @Override
        public String describe() {
            return "execution failed: " + error + (cause == null ? "" : ": " + cause);
        }
    }

    public record ExecutionTimedOut(String error, String cause) implements Details {
        @Override
        public String describe() {
            return "execution timed out";
        }
    }

    public record ExecutionAborted(String error, String cause) implements Details {
        @Override
        public String describe() {
            return "execution aborted" + (error == null ? "" : ": " + error);
        }
    }
}
