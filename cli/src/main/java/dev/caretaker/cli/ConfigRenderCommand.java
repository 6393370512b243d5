package dev.caretaker.cli;

import dev.caretaker.config.ConfigDirectory;
import dev.caretaker.config.ConfigMerger;
import dev.caretaker.config.ConfigNode;
import dev.caretaker.config.ConfigValidator;
import dev.caretaker.config.EffectiveDocument;
import dev.caretaker.config.Validation;
import dev.caretaker.json.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker config render --dir DIR --env ENV}: the effective configuration of one
 * environment, as Caretaker will use it; with {@code --explain}, every value with the file, line
 * and column it came from, and every key an explicit null removed.
 */
@Command(
        name = "render",
        description = "Print the effective configuration of an environment (base <- environments/ENV <- overrides/ENV).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rendered", "1:the merged configuration is invalid (one line per problem on stderr)", "2:usage error"},
        footerHeading = "%nExample:%n",
        footer = "  ./caretaker config render --dir examples/config --env prod --explain")
final class ConfigRenderCommand implements Callable<Integer> {

    enum Format { YAML, JSON }

    @Mixin
    HelpOption help;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The configuration directory (holding base.yaml).")
    Path dir;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment: environments/ENV.yaml.")
    String environment;

    @Option(names = "--explain", description = "Show where each value came from instead of the document.")
    boolean explain;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            converter = FormatConverter.class, description = "yaml or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new UsageError("no such directory: " + dir);
        }
        ConfigDirectory directory = new ConfigDirectory(dir);
        Validation validation;
        try {
            validation = directory.validate(environment, new ConfigValidator());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!validation.valid()) {
            validation.lines().forEach(err::println);
            err.println("caretaker: the configuration of " + environment + " is invalid: " + validation.problems().size()
                    + (validation.problems().size() == 1 ? " problem" : " problems"));
            err.flush();
            return ExitCodes.ERROR;
        }
        ConfigNode effective = validation.effective().orElseThrow();
        if (!explain) {
            out.print(format == Format.JSON ? EffectiveDocument.json(effective) : EffectiveDocument.yaml(effective));
        } else if (format == Format.JSON) {
            out.println(explainJson(effective, validation.removals()));
        } else {
            explainText(effective, validation.removals(), out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void explainText(ConfigNode effective, List<ConfigMerger.Removal> removals, PrintWriter out) {
        List<EffectiveDocument.Explained> values = EffectiveDocument.explain(effective);
        List<String> left = values.stream().map(value -> value.path() + ": " + Json.write(value.value())).toList();
        int width = Math.min(72, left.stream().mapToInt(String::length).max().orElse(0));
        for (int i = 0; i < values.size(); i++) {
            out.println(String.format(Locale.ROOT, "%-" + width + "s  # %s", left.get(i), values.get(i).from()));
        }
        removals.forEach(removal -> out.println("# removed " + removal.path() + " (null at " + removal.location() + ")"));
    }

    private static String explainJson(ConfigNode effective, List<ConfigMerger.Removal> removals) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("values", EffectiveDocument.explain(effective).stream().map(value -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", value.path());
            entry.put("value", value.value());
            entry.put("from", value.from().toString());
            return entry;
        }).toList());
        document.put("removed", removals.stream().map(removal -> Map.of("path", removal.path(), "by", removal.location().toString())).toList());
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not an output format: expected yaml or json");
            }
        }
    }
}
