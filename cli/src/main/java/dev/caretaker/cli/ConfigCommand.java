package dev.caretaker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caretaker config}: check, merge, migrate and describe configuration files, offline. */
@Command(
        name = "config",
        description = "Validate, render and migrate Caretaker configuration files; print their schema.",
        subcommands = {ConfigValidateCommand.class, ConfigRenderCommand.class, ConfigMigrateCommand.class, ConfigSchemaCommand.class})
final class ConfigCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
