package dev.caretaker.cli;

import java.io.IOException;
import java.io.InputStream;

/** The bytes to send, exactly as stored: the signature covers them, so nothing may re-encode them. */
final class WebhookBody {

    static final String STDIN = "-";

    private WebhookBody() {
    }

    /** The named file's bytes (a missing one is a usage error, see {@link InputFiles}), or standard input's for "-". */
    static byte[] read(String file, InputStream stdin) {
        if (!STDIN.equals(file)) {
            return InputFiles.read(InputFiles.path(file, "body file"), "body file");
        }
        try {
            return stdin.readAllBytes();
        } catch (IOException e) {
            throw new CliFailure("cannot read standard input: " + e.getMessage(), e);
        }
    }
}
