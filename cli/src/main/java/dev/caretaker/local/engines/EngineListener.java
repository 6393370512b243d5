package dev.caretaker.local.engines;

/**
 * Hears how starting and stopping goes. Engines start in parallel, but {@link LocalEngines} calls
 * its listener from one thread at a time, so a listener needs no locking of its own.
 */
@FunctionalInterface
public interface EngineListener {

    EngineListener SILENT = progress -> { };

    void progress(EngineProgress progress);
}
