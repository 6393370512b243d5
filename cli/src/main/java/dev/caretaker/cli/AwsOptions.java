package dev.caretaker.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --region} and {@code --profile}: how to sign requests to a deployed (IAM-authorised) API. */
final class AwsOptions {

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region of a deployed API, for signing requests. Default: $AWS_REGION, else the region in an execute-api URL.")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "AWS profile whose credentials sign requests to a deployed API. Default: the SDK's default chain.")
    String profile;

    Optional<String> region() {
        return Optional.ofNullable(region);
    }

    Optional<String> profile() {
        return Optional.ofNullable(profile).filter(name -> !name.isBlank());
    }
}
