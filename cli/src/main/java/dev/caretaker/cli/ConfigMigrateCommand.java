package dev.caretaker.cli;

import dev.caretaker.config.ConfigSchema;
import dev.caretaker.config.Migrations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker config migrate FILE [--write]}: rewrites a file of an older schemaVersion as the
 * current one by editing only what changed, so comments and formatting stay. Without
 * {@code --write} the result goes to standard output and the file is untouched.
 */
@Command(
        name = "migrate",
        description = "Rewrite a configuration file of an older schemaVersion as version " + ConfigSchema.CURRENT_VERSION
                + ", keeping comments and formatting.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:migrated, or already current", "1:cannot be migrated (says where and why)", "2:usage error"})
final class ConfigMigrateCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file.")
    Path file;

    @Option(names = "--write", description = "Replace the file instead of printing the result.")
    boolean write;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String text = InputFiles.readString(file, "configuration file");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        switch (Migrations.all().migrate(text, file.toString())) {
            case Migrations.Outcome.Current current -> {
                err.println(file + ": already at schemaVersion " + current.version() + "; nothing to do");
                if (!write) {
                    out.print(text);
                }
            }
            case Migrations.Outcome.Refused refused -> {
                refused.problems().forEach(problem -> err.println(problem));
                err.println("caretaker: " + file + " was not migrated");
                err.flush();
                return ExitCodes.ERROR;
            }
            case Migrations.Outcome.Migrated migrated -> {
                migrated.changes().forEach(err::println);
                migrated.notes().forEach(note -> err.println("note: " + note));
                if (write) {
                    replace(migrated.text());
                    err.println(file + ": migrated from schemaVersion " + migrated.from() + " to " + migrated.to());
                } else {
                    out.print(migrated.text());
                }
            }
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }

    /** Written beside the file and moved over it, so an interrupted write never leaves half a file. */
    private void replace(String text) {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".migrating");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
