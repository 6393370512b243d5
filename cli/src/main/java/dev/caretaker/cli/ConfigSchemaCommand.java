package dev.caretaker.cli;

import dev.caretaker.config.ConfigSchema;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caretaker config schema}: the JSON Schema (draft 2020-12) of the configuration, for editors and other tools. */
@Command(name = "schema", description = "Print the configuration's JSON Schema (draft 2020-12).")
final class ConfigSchemaCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String text = ConfigSchema.shipped().text();
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        return ExitCodes.OK;
    }
}
