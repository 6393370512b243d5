package dev.caretaker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes the files of a release, turning I/O failures into one-line CLI failures. */
final class ReleaseFiles {

    private ReleaseFiles() {
    }

    /** A file the command line names: missing is a usage error (exit 2), unreadable an error (see {@link InputFiles}). */
    static byte[] read(Path file, String what) {
        return InputFiles.read(file, what);
    }

    static Optional<byte[]> readIfPresent(Path file, String what) {
        return Files.exists(file) ? Optional.of(read(file, what)) : Optional.empty();
    }

    static void write(Path file, byte[] bytes, String what) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** The signature's default place: next to the manifest, with ".sig" appended. */
    static Path signatureOf(Path manifest) {
        return manifest.resolveSibling(manifest.getFileName() + ".sig");
    }
}
