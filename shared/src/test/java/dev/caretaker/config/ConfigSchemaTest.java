package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.caretaker.json.Json;
import dev.caretaker.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    private final ConfigSchema schema = ConfigSchema.shipped();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void isAValidDraft202012Schema() {
        JsonSchema metaSchema = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        Set<ValidationMessage> messages = metaSchema.validate(schema.root());

        assertThat(messages).isEmpty();
        assertThat(schema.root().path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void usesOnlyKeywordsTheLocatedValidatorApplies() {
        Set<String> used = new TreeSet<>();
        collectKeywords(schema.root(), used);

        assertThat(ConfigSchema.KEYWORDS).containsAll(used);
        assertThat(used).contains("additionalProperties", "required", "pattern", "enum", "$ref");
    }

    @Test
    void requiresSchemaVersion_andRejectsUnknownKeysEverywhere() {
        assertThat(schema.root().path("required").toString()).contains("schemaVersion");
        List<String> open = new ArrayList<>();
        findOpenObjects(schema.root(), "", open);
        assertThat(open).as("objects that would accept unknown keys").isEmpty();
    }

    /**
     * The located validator interprets the schema itself; a general-purpose validator must come to
     * the same verdict on every readable document we have: the examples and the invalid corpus.
     */
    @Test
    void agreesWithAGeneralPurposeValidator_onExamplesAndCorpus() throws IOException {
        JsonSchema reference = factory.getSchema(schema.text());
        Map<String, ConfigNode> documents = new LinkedHashMap<>();
        ConfigDirectory examples = new ConfigDirectory(RepoRoot.find().resolve("examples/config"));
        for (String environment : examples.environments()) {
            documents.put("examples/" + environment, examples.validate(environment, new ConfigValidator()).effective().orElseThrow());
        }
        try (Stream<Path> files = Files.list(InvalidConfigCorpusTest.CORPUS)) {
            for (Path path : files.sorted().toList()) {
                effective(path).ifPresent(root -> documents.put(path.getFileName().toString(), root));
            }
        }

        int invalid = 0;
        for (Map.Entry<String, ConfigNode> document : documents.entrySet()) {
            JsonNode json = Json.mapper().valueToTree(ConfigValues.plain(document.getValue()));
            boolean referenceValid = reference.validate(json).isEmpty();
            List<ConfigProblem> ours = schema.validate(document.getValue());
            assertThat(ours.isEmpty()).as(document.getKey() + ": ours " + ours + ", reference " + reference.validate(json))
                    .isEqualTo(referenceValid);
            invalid += referenceValid ? 0 : 1;
        }
        assertThat(documents).hasSizeGreaterThan(50);
        assertThat(invalid).isGreaterThan(20);
    }

    private static Optional<ConfigNode> effective(Path path) {
        if (Files.isDirectory(path)) {
            ConfigDirectory dir = new ConfigDirectory(path);
            return dir.validate(dir.environments().getFirst(), new ConfigValidator()).effective();
        }
        if (!path.toString().endsWith(".yaml")) {
            return Optional.empty();
        }
        return ConfigDirectory.read(path, new SafeYamlLoader()).root();
    }

    private static void collectKeywords(JsonNode node, Set<String> used) {
        node.fieldNames().forEachRemaining(used::add);
        for (String container : List.of("properties", "$defs")) {
            node.path(container).forEach(child -> collectKeywords(child, used));
        }
        for (String single : List.of("items", "additionalProperties")) {
            if (node.path(single).isObject()) {
                collectKeywords(node.get(single), used);
            }
        }
    }

    private static void findOpenObjects(JsonNode node, String path, List<String> open) {
        if ("object".equals(node.path("type").asText()) && node.has("properties") && !node.has("additionalProperties")) {
            open.add(path);
        }
        node.path("properties").fields().forEachRemaining(e -> findOpenObjects(e.getValue(), path + "." + e.getKey(), open));
        node.path("$defs").fields().forEachRemaining(e -> findOpenObjects(e.getValue(), "$defs." + e.getKey(), open));
        if (node.path("items").isObject()) {
            findOpenObjects(node.get("items"), path + "[]", open);
        }
    }
}
