package dev.caretaker.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A configuration directory: {@code base.yaml}, {@code environments/ENV.yaml} and, optionally,
 * the customer's {@code overrides/ENV.yaml}, merged in that order. Files are named in messages as
 * the directory was given, so a location can be pasted into an editor from where the command ran.
 */
public final class ConfigDirectory {

    public static final String BASE = "base.yaml";
    public static final String ENVIRONMENTS = "environments";
    public static final String OVERRIDES = "overrides";

    private final Path dir;
    private final SafeYamlLoader loader = new SafeYamlLoader();

    public ConfigDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The environments this directory defines, from environments/*.yaml, sorted. */
    public List<String> environments() {
        Path environments = dir.resolve(ENVIRONMENTS);
        if (!Files.isDirectory(environments)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(environments)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The layer files of {@code environment}, lowest first; a missing base or environment file is an error. */
    public List<Path> layerFiles(String environment) {
        Path base = dir.resolve(BASE);
        Path env = dir.resolve(ENVIRONMENTS).resolve(environment + ".yaml");
        if (!Files.isRegularFile(base)) {
            throw new IllegalArgumentException("no " + BASE + " in " + dir);
        }
        if (!Files.isRegularFile(env)) {
            throw new IllegalArgumentException("no " + ENVIRONMENTS + "/" + environment + ".yaml in " + dir
                    + (environments().isEmpty() ? "" : "; environments: " + String.join(", ", environments())));
        }
        List<Path> files = new ArrayList<>(List.of(base, env));
        Path override = dir.resolve(OVERRIDES).resolve(environment + ".yaml");
        if (Files.isRegularFile(override)) {
            files.add(override);
        }
        return files;
    }

    /** The effective document of {@code environment}, validated, with every problem. */
    public Validation validate(String environment, ConfigValidator validator) {
        List<LoadedDocument> layers = layerFiles(environment).stream().map(this::load).toList();
        Validation validation = validator.validateLayers(layers);
        if (validation.effective().isEmpty()) {
            return validation;
        }
        List<ConfigProblem> problems = new ArrayList<>(validation.problems());
        Nodes.scalar(Nodes.at(validation.effective().get(), "environment")).ifPresent(node -> {
            if (node.value() instanceof String name && !name.equals(environment)) {
                problems.add(new ConfigProblem(node.location(), "environment", "'" + name + "' in the configuration of environment '"
                        + environment + "' (" + ENVIRONMENTS + "/" + environment + ".yaml)"));
            }
        });
        problems.sort(ConfigProblem.IN_FILE_ORDER);
        return new Validation(validation.effective(), validation.removals(), problems);
    }

    /** Reads one file; a file too large to be a configuration is refused before it is read. */
    public LoadedDocument load(Path file) {
        return read(file, loader);
    }

    public static LoadedDocument read(Path file, SafeYamlLoader loader) {
        String name = file.toString();
        try {
            if (Files.size(file) > SafeYamlLoader.MAX_CODE_POINTS * 4L) {
                return new LoadedDocument(name, Optional.empty(), List.of(new ConfigProblem(new Location(name, 1, 1), "",
                        "document too large: " + Files.size(file) + " bytes, at most " + SafeYamlLoader.MAX_CODE_POINTS
                                + " characters are read")));
            }
            return loader.load(Files.readString(file, StandardCharsets.UTF_8), name);
        } catch (java.nio.charset.MalformedInputException e) {
            return new LoadedDocument(name, Optional.empty(), List.of(new ConfigProblem(new Location(name, 1, 1), "",
                    "not UTF-8 text")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * If {@code file} is a layer of a configuration directory (its base, an environment file or an
     * override), the directory and the environments the file takes part in.
     */
    public static Optional<Layering> layeringOf(Path file) {
        Path name = file.getFileName();
        Path parent = file.getParent();
        if (name == null) {
            return Optional.empty();
        }
        String fileName = name.toString();
        if (fileName.equals(BASE)) {
            ConfigDirectory dir = new ConfigDirectory(parent == null ? Path.of("") : parent);
            List<String> envs = dir.environments();
            return envs.isEmpty() ? Optional.empty() : Optional.of(new Layering(dir, envs));
        }
        if (parent != null && fileName.endsWith(".yaml") && parent.getFileName() != null
                && (parent.getFileName().toString().equals(ENVIRONMENTS) || parent.getFileName().toString().equals(OVERRIDES))) {
            Path root = parent.getParent() == null ? Path.of("") : parent.getParent();
            String env = fileName.substring(0, fileName.length() - ".yaml".length());
            if (Files.isRegularFile(root.resolve(BASE)) && Files.isRegularFile(root.resolve(ENVIRONMENTS).resolve(fileName))) {
                return Optional.of(new Layering(new ConfigDirectory(root), List.of(env)));
            }
        }
        return Optional.empty();
    }

    /** The directory a layer file belongs to and the environments to validate it in. */
    public record Layering(ConfigDirectory directory, List<String> environments) {
        public Layering {
            environments = List.copyOf(environments);
        }
    }
}
