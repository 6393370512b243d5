package dev.caretaker.drift.report;

/** Drift input that cannot be read; the message names the source, where in it, and what is wrong. */
public final class DriftInputException extends RuntimeException {

    public DriftInputException(String message) {
        super(message);
    }
}
