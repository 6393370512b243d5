package dev.caretaker.local;

/** Where {@link LocalSystem} reports what it is doing: one line for a person watching the console. */
@FunctionalInterface
public interface LocalSystemListener {

    LocalSystemListener SILENT = line -> { };

    void progress(String line);
}
