package dev.caretaker.config;

import dev.caretaker.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** The merged document, written out: as YAML or JSON, or value by value with where each came from. */
public final class EffectiveDocument {

    /** One scalar (or empty list or mapping) of the effective document and the place it was written. */
    public record Explained(String path, Object value, Location from) {
    }

    private EffectiveDocument() {
    }

    public static String yaml(ConfigNode root) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setSplitLines(false);
        // SnakeYAML's representer quotes any string a YAML 1.1 reader would take for something else
        // ("22:00", "123456789012", "on"), so the output reads back the same in any parser.
        return new Yaml(options).dump(ConfigValues.plain(root));
    }

    public static String json(ConfigNode root) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(ConfigValues.plain(root)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every leaf in document order, with its origin. */
    public static List<Explained> explain(ConfigNode root) {
        List<Explained> values = new ArrayList<>();
        explain(root, "", values);
        return values;
    }

    private static void explain(ConfigNode node, String path, List<Explained> values) {
        switch (node) {
            case ConfigNode.ConfigMap map when !map.members().isEmpty() -> map.members().values()
                    .forEach(member -> explain(member.value(), ConfigSchema.child(path, member.key()), values));
            case ConfigNode.ConfigList list when !list.items().isEmpty() -> {
                for (int i = 0; i < list.items().size(); i++) {
                    explain(list.items().get(i), path + "[" + i + "]", values);
                }
            }
            default -> values.add(new Explained(path, ConfigValues.plain(node), node.location()));
        }
    }
}
