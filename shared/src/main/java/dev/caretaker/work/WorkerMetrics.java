package dev.caretaker.work;

/** Port: the few numbers worth paying for (each custom metric is $0.30 a month). */
public interface WorkerMetrics {

    void record(MessageOutcome outcome);

    /** Writes what was recorded; called once per batch. */
    void flush();

    WorkerMetrics NONE = new WorkerMetrics() {
        @Override
        public void record(MessageOutcome outcome) {
        }

        @Override
        public void flush() {
        }
    };
}
