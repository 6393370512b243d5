package dev.caretaker.local;

import java.time.Duration;

/**
 * One SQS event source running as Lambda's event source mapping does: a thread that polls the queue
 * and hands each batch to the function until closed.
 */
final class QueuePollingLoop implements AutoCloseable {

    /** Short, so close() returns within about a second. */
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final SqsEventSourcePoller poller;
    private final String functionLogicalId;
    private final LocalSystemListener listener;
    private final Thread thread;
    private volatile boolean closed;

    private QueuePollingLoop(SqsEventSourcePoller poller, String functionLogicalId, LocalSystemListener listener) {
        this.poller = poller;
        this.functionLogicalId = functionLogicalId;
        this.listener = listener;
        this.thread = new Thread(this::run, "caretaker-poller-" + functionLogicalId);
        this.thread.setDaemon(true);
    }

    static QueuePollingLoop start(SqsEventSourcePoller poller, String functionLogicalId, LocalSystemListener listener) {
        QueuePollingLoop loop = new QueuePollingLoop(poller, functionLogicalId, listener);
        loop.thread.start();
        return loop;
    }

    private void run() {
        while (!closed) {
            try {
                SqsEventSourcePoller.BatchStats batch = poller.pollOnce(WAIT);
                if (batch.received() > 0) {
                    listener.progress("message batch handled by " + functionLogicalId + ": " + batch.received() + " received, "
                            + batch.failed() + " back to the queue");
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // The queue engine hiccupped: say so and keep polling, as Lambda's poller would.
                listener.progress("polling for " + functionLogicalId + " failed: " + e.getMessage());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(WAIT.multipliedBy(5).toMillis());
    }
}
