package dev.caretaker.cli;

import picocli.CommandLine.Mixin;

/**
 * The options of every command that calls the Caretaker API: {@code -h/--help}, {@code --api},
 * {@code --region}/{@code --profile} to sign with, and {@code --output}. One mixin, so a command
 * declares them once and opens its client one way.
 */
final class ApiCommandOptions {

    @Mixin
    HelpOption help;

    @Mixin
    ApiOption api;

    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOption output;

    /** A client of the API {@code --api} names, signed with {@code --profile} and {@code --region} where it is deployed. */
    ApiClient open(CliContext context) {
        return api.open(context, aws);
    }

    OutputFormat format() {
        return output.format();
    }
}
