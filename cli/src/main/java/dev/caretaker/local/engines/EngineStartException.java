package dev.caretaker.local.engines;

/** An engine could not start; the message names the engine and the port, and says what to do. */
public final class EngineStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Engine engine;
    private final int port;

    EngineStartException(Engine engine, int port, String message, Throwable cause) {
        super(message, cause);
        this.engine = engine;
        this.port = port;
    }

    static EngineStartException portInUse(Engine engine, int port, Throwable cause) {
        return new EngineStartException(engine, port, engine.displayName() + " cannot listen on 127.0.0.1:" + port
                + ": the port is already in use; stop what holds it or choose another port for " + engine.displayName(), cause);
    }

    static EngineStartException failed(Engine engine, int port, Throwable cause) {
        String where = port == 0 ? "on a free port" : "on 127.0.0.1:" + port;
        return new EngineStartException(engine, port, engine.displayName() + " did not start " + where + ": " + cause, cause);
    }

    public Engine engine() {
        return engine;
    }

    /** The port asked for; 0 if the system was to pick one. */
    public int port() {
        return port;
    }
}
