package dev.caretaker.config;

/** Where a value was written: the file (as the user named it), and a 1-based line and column. */
public record Location(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
