package dev.caretaker.work;

import java.time.Instant;

/**
 * Port: remembers why a message that names no job (or a job that does not exist) could not be
 * processed. The message itself ends in the DLQ; this is where its reason is.
 */
public interface DeadLetterLog {

    void record(String worker, String messageId, String reason, String body, Instant now);
}
