package dev.caretaker.work;

import dev.caretaker.job.Job;

/**
 * A worker's own function: what it does for one claimed job. Throw {@link PermanentFailure} for
 * errors retrying cannot fix; any other exception is treated as transient and retried.
 */
@FunctionalInterface
public interface Work {

    WorkResult run(WorkItem item, Job job) throws Exception;

    /**
     * For a SnapStart snapshot: runs what {@link #run} runs on canned data, without calls that
     * write, cost or count against a rate limit, so the first request after a restore finds its
     * classes loaded. By default nothing.
     */
    default void prime() {
    }
}
