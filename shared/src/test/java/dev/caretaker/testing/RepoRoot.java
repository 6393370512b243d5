package dev.caretaker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests run from their module's directory; the event fixtures in events/ (the same files
 * {@code sam local invoke -e} takes) live at the repository root.
 */
public final class RepoRoot {

    private RepoRoot() {
    }

    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (the directory holding mvnw) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** A file under the repository root as text, e.g. {@code read("events/schedule-drift.json")}. */
    public static String read(String relativePath) {
        try {
            return Files.readString(find().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relativePath + " from the repository root", e);
        }
    }
}
