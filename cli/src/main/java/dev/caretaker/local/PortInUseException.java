package dev.caretaker.local;

/** The local API's port is taken; the message says which and what to do. */
public final class PortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PortInUseException(int port, Throwable cause) {
        super("port " + port + " on 127.0.0.1 is already in use: stop what listens there or choose another with --port", cause);
    }
}
