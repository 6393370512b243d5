package dev.caretaker.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates configuration documents: a single complete document, or layers (base, environment,
 * overrides) merged first. Reports every problem, not the first: load problems, out-of-date
 * versions, schema problems, semantic rules and the rules that compare layers.
 */
public final class ConfigValidator {

    private final ConfigSchema schema;
    private final ConfigMerger merger = new ConfigMerger();
    private final Map<String, String> renamedKeys = Migrations.all().renamedKeys();

    public ConfigValidator(ConfigSchema schema) {
        this.schema = schema;
    }

    public ConfigValidator() {
        this(ConfigSchema.shipped());
    }

    public ConfigSchema schema() {
        return schema;
    }

    /** One complete document. */
    public Validation validate(LoadedDocument document) {
        return validateLayers(List.of(document));
    }

    /** Layers, lowest first (base.yaml, environments/ENV.yaml, overrides/ENV.yaml). */
    public Validation validateLayers(List<LoadedDocument> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers to validate");
        }
        List<ConfigProblem> problems = new ArrayList<>();
        layers.forEach(layer -> problems.addAll(layer.problems()));
        if (layers.stream().anyMatch(layer -> !layer.readable())) {
            return result(Optional.empty(), List.of(), problems);
        }
        List<ConfigNode> roots = layers.stream().map(layer -> layer.root().orElseThrow()).toList();
        List<ConfigProblem> versions = versionProblems(layers);
        if (!versions.isEmpty()) {
            problems.addAll(versions);
            return result(Optional.empty(), List.of(), problems);
        }
        ConfigMerger.Merged merged = merger.merge(roots);
        List<ConfigProblem> found = new ArrayList<>(schema.validate(merged.root()));
        found.addAll(new SemanticRules().check(merged.root()));
        if (roots.size() > 1) {
            found.addAll(ApprovalRule.check(roots.getFirst(), merged.root()));
        }
        // A value the loader already objected to (a tag, a malformed number) would only repeat the
        // same problem in other words.
        Set<Location> alreadyReported = problems.stream().map(ConfigProblem::location).collect(Collectors.toSet());
        found.stream().filter(problem -> !alreadyReported.contains(problem.location())).map(this::renamedKeyHint).forEach(problems::add);
        return result(Optional.of(merged.root()), merged.removals(), problems);
    }

    /** An unknown key that an old version had gets the migration's name for it, not a guess. */
    private ConfigProblem renamedKeyHint(ConfigProblem problem) {
        String renamed = renamedKeys.get(problem.path().replaceAll("\\[[0-9]+]", "[]"));
        if (renamed == null || !problem.message().startsWith("unknown key")) {
            return problem;
        }
        return new ConfigProblem(problem.location(), problem.path(), "unknown key; renamed to '" + renamed
                + "' in schemaVersion " + ConfigSchema.CURRENT_VERSION + " (caretaker config migrate rewrites it)");
    }

    private static Validation result(Optional<ConfigNode> effective, List<ConfigMerger.Removal> removals, List<ConfigProblem> problems) {
        List<ConfigProblem> sorted = new ArrayList<>(new LinkedHashSet<>(problems));
        sorted.sort(ConfigProblem.IN_FILE_ORDER);
        return new Validation(effective, removals, sorted);
    }

    /**
     * A document of another version cannot be checked against this schema: every rename would show
     * as an unknown key. Say the one thing that helps instead.
     */
    private static List<ConfigProblem> versionProblems(List<LoadedDocument> layers) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (LoadedDocument layer : layers) {
            Nodes.scalar(Nodes.at(layer.root().orElseThrow(), "schemaVersion")).ifPresent(node -> {
                if (ConfigValues.decimal(node.value()) instanceof BigDecimal version && version.scale() <= 0) {
                    int compared = version.compareTo(BigDecimal.valueOf(ConfigSchema.CURRENT_VERSION));
                    if (compared < 0) {
                        problems.add(new ConfigProblem(node.location(), "schemaVersion", "version " + version
                                + " is out of date: run 'caretaker config migrate " + layer.file() + " --write' to rewrite it as version "
                                + ConfigSchema.CURRENT_VERSION));
                    } else if (compared > 0) {
                        problems.add(new ConfigProblem(node.location(), "schemaVersion", "version " + version
                                + " is newer than this Caretaker understands (" + ConfigSchema.CURRENT_VERSION + "): upgrade Caretaker"));
                    }
                }
            });
        }
        return problems;
    }
}
