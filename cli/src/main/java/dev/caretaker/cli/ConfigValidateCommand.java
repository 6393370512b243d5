package dev.caretaker.cli;

import dev.caretaker.config.ConfigDirectory;
import dev.caretaker.config.ConfigValidator;
import dev.caretaker.config.SafeYamlLoader;
import dev.caretaker.config.Validation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code caretaker config validate FILE...}: one line per problem on standard output,
 * {@code FILE:LINE:COL: path.to.key: message}, so editors and CI annotate the right place; a
 * summary per file on standard error. A layer of a configuration directory (base.yaml,
 * environments/ENV.yaml, overrides/ENV.yaml) is validated merged, as it will be used: the base
 * once per environment.
 */
@Command(
        name = "validate",
        description = "Check configuration files: schema, semantic rules and, for layers, the merged result.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is valid", "1:a file is invalid (one line per problem)", "2:usage error"},
        footerHeading = "%nExamples:%n",
        footer = {"  ./caretaker config validate examples/config/base.yaml examples/config/environments/*.yaml",
                "  ./caretaker config validate acme-prod.yaml"})
final class ConfigValidateCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "A configuration document, or a layer of a configuration directory.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        files.forEach(file -> InputFiles.requireExisting(file, "configuration file"));
        ConfigValidator validator = new ConfigValidator();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<String> printed = new LinkedHashSet<>();
        int invalidFiles = 0;
        for (Path file : files) {
            Set<String> lines = new LinkedHashSet<>();
            String how;
            try {
                var layering = ConfigDirectory.layeringOf(file);
                if (layering.isPresent()) {
                    for (String environment : layering.get().environments()) {
                        lines.addAll(layering.get().directory().validate(environment, validator).lines());
                    }
                    how = " (merged for " + String.join(", ", layering.get().environments()) + ")";
                } else {
                    Validation validation = validator.validate(ConfigDirectory.read(file, new SafeYamlLoader()));
                    lines.addAll(validation.lines());
                    how = "";
                }
            } catch (UncheckedIOException e) {
                throw new CliFailure(e.getMessage(), e);
            }
            lines.stream().filter(printed::add).forEach(out::println);
            if (lines.isEmpty()) {
                err.println(file + ": valid" + how);
            } else {
                invalidFiles++;
                err.println(file + ": " + lines.size() + (lines.size() == 1 ? " problem" : " problems") + how);
            }
        }
        out.flush();
        err.flush();
        return invalidFiles == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
