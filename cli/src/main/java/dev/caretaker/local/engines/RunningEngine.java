package dev.caretaker.local.engines;

import java.net.URI;

/** One started engine: where it answers, and how to make it stop listening. */
interface RunningEngine {

    String LOOPBACK = "127.0.0.1";

    URI endpoint();

    void stop() throws Exception;
}
