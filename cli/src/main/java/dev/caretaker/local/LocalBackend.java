package dev.caretaker.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the local system runs against: where Caretaker's own state (DynamoDB, SQS, S3) lives, and
 * which account answers the APIs Caretaker watches and changes (CloudFormation, Cost Explorer, STS…).
 */
public sealed interface LocalBackend {

    /** DynamoDB Local, ElasticMQ and s3proxy in this process, and the scripted sandbox account: no Docker, no account. */
    record Embedded() implements LocalBackend {
    }

    /**
     * A running LocalStack, e.g. http://127.0.0.1:4566, for everything it runs that Caretaker uses: DynamoDB,
     * SQS, S3, SNS, Secrets Manager and SSM. The account's APIs stay on the sandbox account, EventBridge and
     * Step Functions in this process ({@link ServiceRoutes} says why).
     */
    record LocalStack(URI endpoint) implements LocalBackend {
        public LocalStack {
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /**
     * A real account, reached with a named profile from the AWS config files, for the account's APIs;
     * Caretaker's own state stays on the embedded engines, so a local run creates nothing in the
     * account and takes no messages from a deployed Caretaker's queues.
     *
     * @param profile     the profile's name in the config files
     * @param files       the config and credentials files to read it from
     * @param driftStacks the stacks the scheduled drift check covers (the sandbox's demo stacks do not exist there)
     */
    record Aws(String profile, ProfileFiles files, List<String> driftStacks) implements LocalBackend {
        public Aws {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(files, "files");
            driftStacks = List.copyOf(driftStacks);
            if (profile.isBlank()) {
                throw new IllegalArgumentException("the profile name must not be blank");
            }
        }
    }

    /** The shared AWS config and credentials files; either may be absent. */
    record ProfileFiles(Optional<Path> config, Optional<Path> credentials) {
        public ProfileFiles {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(credentials, "credentials");
        }
    }
}
