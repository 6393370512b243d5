package dev.caretaker.bench.coldstart;

import dev.caretaker.aws.PrimingClassList;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes each function's {@link PrimingClassList}: runs its deployed jar the SnapStart way, without the
 * list it may already hold, and writes the classes its first invocation after the restore loaded,
 * in load order, to {@code functions/<module>/src/main/resources/}{@value PrimingClassList#RESOURCE}.
 * The restore is where the runtime client's CRaC classes stop loading: its afterRestore is the last
 * thing before the invocation. Hidden classes (lambdas, proxies) are left out; they cannot be named.
 */
final class PrimingLists {

    private static final Pattern LOADED = Pattern.compile("\\] (\\S+) source: (\\S+)");
    private static final String RESTORE_MARK = "com.amazonaws.services.lambda.crac.";

    private final Path repo;
    private final PrintStream out;

    PrimingLists(Path repo, PrintStream out) {
        this.repo = repo;
        this.out = out;
    }

    /** Takes the list out of the copy of the jar a run will use, so the run shows what priming alone leaves. */
    static void withoutList(Path jar) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Files.deleteIfExists(zip.getPath(PrimingClassList.RESOURCE));
        }
    }

    /** The classes named in a class-load log after the restore, hidden ones left out. */
    static List<String> loadedAfterRestore(Path classLog) throws IOException {
        List<String> lines;
        try (Stream<String> all = Files.lines(classLog)) {
            lines = all.toList();
        }
        int restore = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher loaded = LOADED.matcher(lines.get(i));
            if (loaded.find() && loaded.group(1).startsWith(RESTORE_MARK)) {
                restore = i;
            }
        }
        if (restore < 0) {
            throw new IllegalStateException(classLog + " shows no restore (no " + RESTORE_MARK + " class loaded): was it a SnapStart run?");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines.subList(restore + 1, lines.size())) {
            Matcher loaded = LOADED.matcher(line);
            if (loaded.find() && !loaded.group(1).contains("/0x") && !loaded.group(1).contains("$$Lambda")
                    && (loaded.group(2).startsWith("jrt:") || loaded.group(2).startsWith("file:"))) {
                names.add(loaded.group(1));
            }
        }
        return new ArrayList<>(names);
    }

    void write(String module, String event, List<String> names) throws IOException {
        Path file = repo.resolve("functions").resolve(module).resolve("src/main/resources").resolve(PrimingClassList.RESOURCE);
        List<String> lines = new ArrayList<>();
        lines.add("# Classes " + module + "'s first invocation after a SnapStart restore loaded that its priming did not,");
        lines.add("# in load order (" + event + ", " + LocalDate.now(ZoneOffset.UTC) + "). SnapStartPriming loads them before the");
        lines.add("# snapshot. Made by bench/coldstart.sh --priming-lists; remake it when the restore figures grow.");
        lines.addAll(names);
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        out.printf("%-20s %5d classes -> %s%n", module, names.size(), repo.relativize(file));
    }
}
