package dev.caretaker.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Tests run from a module directory; shared files (events/, template.yaml) live at the repository root. */
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
}
