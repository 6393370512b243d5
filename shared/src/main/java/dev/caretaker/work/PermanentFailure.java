package dev.caretaker.work;

/** An error no retry can fix (the stack does not exist, the input is invalid): the job fails at once. */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
