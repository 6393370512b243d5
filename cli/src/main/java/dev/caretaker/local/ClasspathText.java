package dev.caretaker.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text files the local runtime ships in its jar: the sandbox's configuration layer, the demo's templates. */
public final class ClasspathText {

    private ClasspathText() {
    }

    /** The UTF-8 text of {@code name}, resolved as {@code anchor.getResourceAsStream} resolves it. */
    public static String read(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " (next to " + anchor.getSimpleName() + ") is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
