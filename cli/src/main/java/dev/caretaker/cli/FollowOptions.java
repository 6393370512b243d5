package dev.caretaker.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --follow} and {@code --interval}: watching a deployment until it ends. */
final class FollowOptions {

    @Option(names = "--follow",
            description = "Follow the deployment until it ends: status changes, resources done, events, approval requests."
                    + " Exit 0 when it SUCCEEDED, 1 when it ended otherwise. Ctrl-C stops following, not the deployment.")
    boolean follow;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "3",
            description = "With --follow, the pause between status requests. Default: ${DEFAULT-VALUE}.")
    double intervalSeconds;

    Duration interval() {
        return Duration.ofMillis((long) (intervalSeconds * 1000));
    }

    boolean valid() {
        return intervalSeconds > 0 && intervalSeconds <= 3600;
    }
}
