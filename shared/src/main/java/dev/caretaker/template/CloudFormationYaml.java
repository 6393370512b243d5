package dev.caretaker.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation or SAM template written in YAML into plain {@code Map}s, {@code List}s,
 * strings, numbers and booleans, with every short-form intrinsic ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}, ...) turned into the long form CloudFormation's JSON uses ({@code {"Ref": x}},
 * {@code {"Fn::GetAtt": [a, b]}}, ...). The result looks exactly like the same template loaded from
 * JSON, so one set of code serves both.
 *
 * <p>Built on SnakeYAML's {@link SafeConstructor}: no Java types can be instantiated from the
 * document, and unknown tags are errors. Scalars resolve as YAML 1.1 (like the parsers behind
 * CloudFormation and cfn-lint, so {@code OFF} is a boolean unless quoted), except that dates stay
 * strings, as in {@code AWSTemplateFormatVersion: 2010-09-09}. Duplicate keys are rejected.
 */
public final class CloudFormationYaml {

    /** Short forms whose long form is {@code Fn::<name>}, with the value as written. */
    private static final Set<String> FUNCTIONS = Set.of(
            "And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "If", "ImportValue", "Join", "Length",
            "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform");

    private CloudFormationYaml() {
    }

    /** Loads the template at {@code path}; syntax errors name the file, line and column. */
    public static Map<String, Object> load(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    /**
     * Parses template text. {@code source} names it in error messages, which read
     * {@code source:line:column: problem}.
     */
    public static Map<String, Object> parse(String yaml, String source) {
        Object document;
        try {
            document = newYaml().load(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new IllegalArgumentException(where + ": " + problem, e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + ": a template is a mapping at the top level, found "
                    + (document == null ? "an empty document" : "a " + kind(document)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) map;
        return template;
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new IntrinsicConstructor(options));
    }

    private static String kind(Object value) {
        return value instanceof List<?> ? "list" : value instanceof String ? "string" : value.getClass().getSimpleName();
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new AsString());
            yamlConstructors.put(new Tag("!Ref"), new ScalarIntrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new ScalarIntrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Function("Fn::" + function));
            }
        }

        /** The node's value as if it had no tag: a string, list or map, children constructed normally. */
        private Object untagged(Node node) {
            return switch (node) {
                case ScalarNode scalar -> constructScalar(scalar);
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> throw invalid(node, "unsupported YAML node " + node.getNodeId());
            };
        }

        private static Map<String, Object> intrinsic(String name, Object value) {
            Map<String, Object> longForm = new LinkedHashMap<>(2);
            longForm.put(name, value);
            return longForm;
        }

        private static ConstructorException invalid(Node node, String problem) {
            return new InvalidIntrinsic(problem, node.getStartMark());
        }

        private static final class AsString extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                return ((ScalarNode) node).getValue();
            }
        }

        private final class ScalarIntrinsic extends AbstractConstruct {
            private final String name;

            ScalarIntrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                if (!(node instanceof ScalarNode scalar)) {
                    throw invalid(node, node.getTag().getValue() + " takes a single name, found a " + describe(node));
                }
                return intrinsic(name, constructScalar(scalar));
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                if (node instanceof ScalarNode scalar) {
                    String value = constructScalar(scalar);
                    int dot = value.indexOf('.');
                    if (dot <= 0 || dot == value.length() - 1) {
                        throw invalid(node, "!GetAtt takes LogicalId.Attribute, found '" + value + "'");
                    }
                    // Only the first dot separates: attributes such as Outputs.Name contain dots.
                    return intrinsic("Fn::GetAtt", new ArrayList<>(List.of(value.substring(0, dot), value.substring(dot + 1))));
                }
                if (node instanceof SequenceNode sequence) {
                    return intrinsic("Fn::GetAtt", constructSequence(sequence));
                }
                throw invalid(node, "!GetAtt takes LogicalId.Attribute or [LogicalId, Attribute], found a mapping");
            }
        }

        private final class Function extends AbstractConstruct {
            private final String name;

            Function(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                return intrinsic(name, untagged(node));
            }
        }

        private static String describe(Node node) {
            return node instanceof SequenceNode ? "list" : "mapping";
        }
    }

    private static final class InvalidIntrinsic extends ConstructorException {
        private static final long serialVersionUID = 1L;

        InvalidIntrinsic(String problem, Mark mark) {
            super(null, null, problem, mark);
        }
    }
}
