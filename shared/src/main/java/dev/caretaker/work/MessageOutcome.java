package dev.caretaker.work;

import dev.caretaker.job.JobStatus;

/** What became of one message of a batch; {@link #redeliver()} decides whether SQS sees it again. */
public sealed interface MessageOutcome {

    String messageId();

    boolean redeliver();

    /** The job ran to a terminal state in this delivery. */
    record Finished(String messageId, String jobId, JobStatus status) implements MessageOutcome {
        @Override
        public boolean redeliver() {
            return false;
        }
    }

    /** The job had already ended or is running elsewhere: this delivery changes nothing. */
    record Duplicate(String messageId, String jobId) implements MessageOutcome {
        @Override
        public boolean redeliver() {
            return false;
        }
    }

    /** A transient error: the job went back to QUEUED and SQS will deliver the message again. */
    record Retry(String messageId, String jobId, String reason) implements MessageOutcome {
        @Override
        public boolean redeliver() {
            return true;
        }
    }

    /** Out of attempts: the job is FAILED with the reason and the message goes on to the DLQ. */
    record GaveUp(String messageId, String jobId, String reason) implements MessageOutcome {
        @Override
        public boolean redeliver() {
            return true;
        }
    }

    /** The message cannot be processed at all; its reason is in the dead-letter log and it heads for the DLQ. */
    record Rejected(String messageId, String reason) implements MessageOutcome {
        @Override
        public boolean redeliver() {
            return true;
        }
    }

    /** An earlier failed message of the same FIFO group blocks this one; order must hold. */
    record BlockedByFifoOrder(String messageId) implements MessageOutcome {
        @Override
        public boolean redeliver() {
            return true;
        }
    }
}
