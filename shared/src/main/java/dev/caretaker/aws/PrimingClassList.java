package dev.caretaker.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The classes a function's first invocation after a SnapStart restore still loaded once its
 * priming had run (SDK model classes of calls the priming cannot make without side effects, the
 * configuration's YAML parser…), listed in the resource {@value #RESOURCE} by
 * {@code bench/coldstart.sh --priming-lists}. Loading and initialising them before the snapshot puts
 * them in it, all but those that draw entropy as they initialise. A name that no longer resolves
 * (the code changed since the list was made) costs nothing but a count: the list is an
 * optimisation, regenerated when the figures say it is stale.
 */
public final class PrimingClassList {

    public static final String RESOURCE = "caretaker-priming-classes.txt";
    /**
     * Classes whose initialiser draws entropy (UUID's SecureRandom, any random generator): in the
     * snapshot, every restored sandbox would start from the same state. They load after the restore.
     */
    private static final Pattern ENTROPY = Pattern.compile("java\\.util\\.UUID\\$Holder|.*Random.*");

    private final List<String> names;

    PrimingClassList(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** The list in {@code loader}'s {@value #RESOURCE}; empty if there is none. */
    public static PrimingClassList of(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? new PrimingClassList(List.of()) : parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    static PrimingClassList parse(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#") && !ENTROPY.matcher(name).matches()) {
                names.add(name);
            }
        }
        return new PrimingClassList(names);
    }

    public List<String> names() {
        return names;
    }

    /**
     * Loads and initialises every listed class through {@code loader}. A class that cannot be (gone,
     * or its initialiser failed) is counted and skipped: each of them loaded in a real invocation of
     * the same function in the same environment, so that is a stale list, not a broken function.
     */
    public Outcome load(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        int loaded = 0;
        List<String> failed = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, true, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                failed.add(name);
            }
        }
        return new Outcome(loaded, failed);
    }

    /** How many listed classes were loaded, and which were not. */
    public record Outcome(int loaded, List<String> failed) {

        public Outcome {
            failed = List.copyOf(failed);
        }
    }
}
