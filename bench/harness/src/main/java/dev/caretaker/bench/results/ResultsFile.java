package dev.caretaker.bench.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One JSON file per run, bench/results/&lt;UTC date-time&gt;-&lt;benchmark&gt;.json, so figures can be
 * compared over time; the runs docs/performance.md reports are committed.
 */
public final class ResultsFile {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm");

    private ResultsFile() {
    }

    public static Path write(Path repo, String benchmark, ObjectNode results, Path chosen) throws IOException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        results.put("benchmark", benchmark);
        results.put("finishedAt", now.toString() + "Z");
        results.put("commit", commit(repo));
        Path file = chosen != null ? chosen : repo.resolve("bench/results").resolve(STAMP.format(now) + "-" + benchmark + ".json");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
        return file;
    }

    /** The commit measured, with "+dirty" when the tree had changes: a figure is only as good as what it measured. */
    private static String commit(Path repo) {
        try {
            Process head = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(repo.toFile()).start();
            String commit = new String(head.getInputStream().readAllBytes()).strip();
            Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").directory(repo.toFile()).start();
            boolean dirty = !new String(status.getInputStream().readAllBytes()).isBlank();
            head.waitFor();
            status.waitFor();
            return commit + (dirty ? "+dirty" : "");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
