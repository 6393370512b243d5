package dev.caretaker.observability;

import dev.caretaker.job.JobStatus;
import dev.caretaker.work.MessageOutcome;
import dev.caretaker.work.WorkerMetrics;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Worker outcomes as CloudWatch EMF metrics through Powertools' plain API (no AspectJ). Four
 * metrics per worker, dimension service only: JobsSucceeded, JobsFailed, JobRetries,
 * MessagesRejected. Duplicates are normal under at-least-once delivery and are not worth a metric.
 */
public final class PowertoolsWorkerMetrics implements WorkerMetrics {

    private final Metrics metrics;

    public PowertoolsWorkerMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void record(MessageOutcome outcome) {
        switch (outcome) {
            case MessageOutcome.Finished finished -> metrics.addMetric(
                    finished.status() == JobStatus.SUCCEEDED ? "JobsSucceeded" : "JobsFailed", 1, MetricUnit.COUNT);
            case MessageOutcome.GaveUp gaveUp -> metrics.addMetric("JobsFailed", 1, MetricUnit.COUNT);
            case MessageOutcome.Retry retry -> metrics.addMetric("JobRetries", 1, MetricUnit.COUNT);
            case MessageOutcome.Rejected rejected -> metrics.addMetric("MessagesRejected", 1, MetricUnit.COUNT);
            case MessageOutcome.Duplicate duplicate -> { }
            case MessageOutcome.BlockedByFifoOrder blocked -> { }
        }
    }

    @Override
    public void flush() {
        metrics.flush();
    }
}
