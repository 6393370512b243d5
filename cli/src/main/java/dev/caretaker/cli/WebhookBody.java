package dev.caretaker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The bytes to send, exactly as stored: the signature covers them, so nothing may re-encode them. */
final class WebhookBody {

    static final String STDIN = "-";

    private WebhookBody() {
    }

    static byte[] read(String file, InputStream stdin) {
        try {
            if (STDIN.equals(file)) {
                return stdin.readAllBytes();
            }
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CliFailure("cannot read " + file + ": no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new CliFailure("cannot read " + (STDIN.equals(file) ? "standard input" : file) + ": " + e, e);
        }
    }
}
