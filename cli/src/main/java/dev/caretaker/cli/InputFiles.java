package dev.caretaker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Files the command line names for a command to read, under one rule for every command: a file
 * that does not exist (or is a directory) is a usage error, exit {@link ExitCodes#USAGE} — the
 * command line names the wrong thing, and nothing has been attempted —; a file that exists but
 * cannot be read is an error, exit {@link ExitCodes#ERROR}.
 */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * Refuses a missing file before the command does anything, so a usage error never follows a
     * half-done step (a request sent, a file written).
     *
     * @param what how the message names the file, e.g. "manifest" or "ignore file (--ignore)"
     * @throws UsageError when {@code file} does not exist or is a directory
     */
    static void requireExisting(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new UsageError(what + " " + file + " is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw missing(file, what);
        }
    }

    /** The file's bytes; the same rule for a file that vanished since {@link #requireExisting}. */
    static byte[] read(Path file, String what) {
        requireExisting(file, what);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw missing(file, what);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file as UTF-8 text, under the same rule. */
    static String readString(Path file, String what) {
        requireExisting(file, what);
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw missing(file, what);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** A file name given as text (where "-" may mean standard input); one no path can have is a usage error. */
    static Path path(String name, String what) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new UsageError(what + " '" + name + "' is not a valid file name: " + e.getReason());
        }
    }

    private static UsageError missing(Path file, String what) {
        return new UsageError(what + " " + file + " does not exist");
    }
}
