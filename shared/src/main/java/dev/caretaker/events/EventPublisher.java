package dev.caretaker.events;

/** Port: puts result events on the Caretaker bus. */
public interface EventPublisher {

    void publish(ResultEvent event);
}
