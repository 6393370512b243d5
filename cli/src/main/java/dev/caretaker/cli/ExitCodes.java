package dev.caretaker.cli;

/**
 * The exit codes of every {@code caretaker} command: part of its stable interface, because scripts
 * branch on them. Set explicitly on the command line rather than left to picocli's defaults, so a
 * picocli upgrade cannot change them.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The command ran and failed: the API refused, was unreachable, or an input could not be read. */
    public static final int ERROR = 1;
    /** The command line (or the environment it names) is wrong; nothing was attempted. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
