package dev.caretaker.local.engines;

import java.net.URI;
import java.time.Duration;

/** What {@link LocalEngines} reports while it starts and stops engines. */
public sealed interface EngineProgress {

    Engine engine();

    /** One line for a person watching the console. */
    String message();

    /** An engine is being started; {@code port} 0 means the system picks one. */
    record Starting(Engine engine, int port) implements EngineProgress {
        @Override
        public String message() {
            return "starting " + engine.displayName() + (port == 0 ? "" : " on 127.0.0.1:" + port);
        }
    }

    /** An engine answers at {@code endpoint}; it took {@code took} to get there. */
    record Up(Engine engine, URI endpoint, Duration took) implements EngineProgress {
        @Override
        public String message() {
            return engine.displayName() + " up on " + endpoint.getHost() + ":" + endpoint.getPort() + " in " + took.toMillis() + " ms";
        }
    }

    /** An engine stopped listening. */
    record Stopped(Engine engine, Duration took) implements EngineProgress {
        @Override
        public String message() {
            return engine.displayName() + " stopped in " + took.toMillis() + " ms";
        }
    }
}
