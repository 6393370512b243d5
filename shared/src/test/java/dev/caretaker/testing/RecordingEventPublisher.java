package dev.caretaker.testing;

import dev.caretaker.events.EventPublisher;
import dev.caretaker.events.ResultEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory bus for tests that assert which result events a component published. */
public final class RecordingEventPublisher implements EventPublisher {

    private final List<ResultEvent> published = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failNext;

    @Override
    public void publish(ResultEvent event) {
        RuntimeException failure = failNext;
        if (failure != null) {
            failNext = null;
            throw failure;
        }
        published.add(event);
    }

    public List<ResultEvent> published() {
        return List.copyOf(published);
    }

    public void failNextWith(RuntimeException failure) {
        this.failNext = failure;
    }
}
