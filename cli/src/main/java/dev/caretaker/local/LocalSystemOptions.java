package dev.caretaker.local;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the local system.
 *
 * @param template      the SAM template; the state machine definition is found relative to it
 * @param apiPort       the HTTP API's loopback port; 0 picks a free one
 * @param timeScale     how much faster than real time the schedules run (1 = real time)
 * @param webhookSecret the secret of webhook source {@code vendor}; generated when absent
 * @param backend       where DynamoDB, SQS and S3 run
 */
public record LocalSystemOptions(Path template, int apiPort, double timeScale, Optional<String> webhookSecret,
                                 LocalBackend backend) {

    public static final int DEFAULT_PORT = 3000;

    public LocalSystemOptions {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(backend, "backend");
        if (apiPort < 0 || apiPort > 65_535) {
            throw new IllegalArgumentException("the API port must be 0 (any) or 1-65535, was " + apiPort);
        }
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("the time scale must be greater than 0, was " + timeScale);
        }
    }

    /** The embedded engines, the default. */
    public LocalSystemOptions(Path template, int apiPort, double timeScale, Optional<String> webhookSecret) {
        this(template, apiPort, timeScale, webhookSecret, new LocalBackend.Embedded());
    }
}
