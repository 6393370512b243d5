package dev.caretaker.config;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads configuration YAML safely into {@link ConfigNode}s that remember where each value was
 * written. It uses SnakeYAML's parser and composer only (the node API): no constructor runs, so no
 * Java type can be named or instantiated from a document, and any tag other than YAML's own
 * {@code !!str !!int !!float !!bool !!null !!map !!seq} is an error. Hostile input is bounded
 * before it costs anything: the document's size, its nesting depth, the number of aliases to
 * collections, and the number of values after aliases are expanded (which is what makes a
 * "billion laughs" document fail at once with a message saying so).
 */
public final class SafeYamlLoader {

    public static final int MAX_CODE_POINTS = 256 * 1024;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_COLLECTION_ALIASES = 20;
    public static final int MAX_VALUES = 20_000;
    private static final int MAX_NUMBER_LENGTH = 64;

    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);

    /** Reads {@code text}; {@code file} names it in every location. Never throws for bad input. */
    public LoadedDocument load(String text, String file) {
        Location start = new Location(file, 1, 1);
        if (text.length() > MAX_CODE_POINTS) {
            return unreadable(file, new ConfigProblem(start, "", "document too large: " + text.length()
                    + " characters, at most " + MAX_CODE_POINTS + " are read"));
        }
        Node node;
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options()),
                    new PlainScalars(), options());
            node = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location where = mark == null ? start : at(file, mark);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            if (problem != null && problem.startsWith("Global tag is not allowed: ")) {
                String tag = problem.substring("Global tag is not allowed: ".length()).replace("tag:yaml.org,2002:", "!!");
                return unreadable(file, new ConfigProblem(where, "", "tag " + tag + " is not allowed: configuration uses plain YAML values only"));
            }
            return unreadable(file, new ConfigProblem(where, "", "not valid YAML: " + oneLine(problem)));
        } catch (YAMLException e) {
            return unreadable(file, new ConfigProblem(start, "", limitMessage(e)));
        } catch (RuntimeException | StackOverflowError e) {
            // The parser's own defects must not escape as anything but a problem with this document.
            return unreadable(file, new ConfigProblem(start, "", "not valid YAML: " + e.getClass().getSimpleName()));
        }
        if (node == null) {
            return new LoadedDocument(file, Optional.of(new ConfigNode.ConfigMap(start, Map.of())), List.of());
        }
        Converter converter = new Converter(file);
        ConfigNode root = converter.convert(node, "", 0);
        if (converter.tooMany) {
            return unreadable(file, converter.problems.getLast());
        }
        return new LoadedDocument(file, Optional.of(root), converter.problems);
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setProcessComments(false);
        return options;
    }

    private static String limitMessage(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            return "too many aliases: more than " + MAX_COLLECTION_ALIASES
                    + " references to anchored lists or mappings; refusing to expand a document that may be a \"billion laughs\"";
        }
        if (message.contains("Nesting Depth")) {
            return "nested too deeply: at most " + MAX_DEPTH + " levels";
        }
        if (message.contains("exceeds the limit")) {
            return "document too large: at most " + MAX_CODE_POINTS + " characters are read";
        }
        return "not valid YAML: " + oneLine(message);
    }

    private static String oneLine(String text) {
        return text == null ? "unreadable" : text.replaceAll("\\s+", " ").strip();
    }

    private static LoadedDocument unreadable(String file, ConfigProblem problem) {
        return new LoadedDocument(file, Optional.empty(), List.of(problem));
    }

    static Location at(String file, Mark mark) {
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Node graph to located tree, expanding aliases under the limits. */
    private static final class Converter {
        private final String file;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final Set<Node> onPath = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private int values;
        private boolean tooMany;

        Converter(String file) {
            this.file = file;
        }

        ConfigNode convert(Node node, String path, int depth) {
            Location location = at(file, node.getStartMark());
            if (tooMany) {
                return new ConfigNode.ConfigScalar(location, null);
            }
            if (++values > MAX_VALUES || depth > MAX_DEPTH) {
                tooMany = true;
                problems.add(new ConfigProblem(new Location(file, 1, 1), "", values > MAX_VALUES
                        ? "too many values after expanding aliases: at most " + MAX_VALUES
                                + "; refusing to expand a document that may be a \"billion laughs\""
                        : "nested too deeply after expanding aliases: at most " + MAX_DEPTH + " levels"));
                return new ConfigNode.ConfigScalar(location, null);
            }
            if (!onPath.add(node)) {
                tooMany = true;
                problems.add(new ConfigProblem(location, path, "an alias refers to a value that contains it"));
                return new ConfigNode.ConfigScalar(location, null);
            }
            try {
                if (!PLAIN_TAGS.contains(node.getTag())) {
                    problems.add(new ConfigProblem(location, path, "tag " + node.getTag()
                            + " is not allowed: configuration uses plain YAML values only"));
                }
                return switch (node) {
                    case MappingNode mapping -> mapping(mapping, location, path, depth);
                    case SequenceNode sequence -> {
                        List<ConfigNode> items = new ArrayList<>();
                        for (Node item : sequence.getValue()) {
                            items.add(convert(item, path + "[" + items.size() + "]", depth + 1));
                        }
                        yield new ConfigNode.ConfigList(location, items);
                    }
                    case ScalarNode scalar -> new ConfigNode.ConfigScalar(location, scalar(scalar, location, path));
                    default -> new ConfigNode.ConfigScalar(location, null);
                };
            } finally {
                onPath.remove(node);
            }
        }

        private ConfigNode mapping(MappingNode mapping, Location location, String path, int depth) {
            Map<String, ConfigNode.Member> members = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                Location keyLocation = at(file, keyNode.getStartMark());
                if (!(keyNode instanceof ScalarNode keyScalar) || keyNode.getTag() == Tag.NULL) {
                    problems.add(new ConfigProblem(keyLocation, path, "keys must be plain strings"));
                    continue;
                }
                String key = keyScalar.getValue();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                if (keyNode.getTag().equals(Tag.MERGE) || key.equals("<<") && keyScalar.isPlain()) {
                    problems.add(new ConfigProblem(keyLocation, keyPath,
                            "merge keys (<<) are not supported: write the keys out, or anchor the whole value"));
                    continue;
                }
                ConfigNode.Member first = members.get(key);
                if (first != null) {
                    problems.add(new ConfigProblem(keyLocation, keyPath, "duplicate key; first written at line "
                            + first.keyLocation().line()));
                    continue;
                }
                members.put(key, new ConfigNode.Member(key, keyLocation, convert(tuple.getValueNode(), keyPath, depth + 1)));
            }
            return new ConfigNode.ConfigMap(location, members);
        }

        private Object scalar(ScalarNode scalar, Location location, String path) {
            String text = scalar.getValue();
            Tag tag = scalar.getTag();
            if ((tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) && text.length() > MAX_NUMBER_LENGTH) {
                problems.add(new ConfigProblem(location, path, "number too long: at most " + MAX_NUMBER_LENGTH + " characters"));
                return text;
            }
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                if (PlainScalars.BOOLEAN.matcher(text).matches()) {
                    return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
                }
                problems.add(new ConfigProblem(location, path, "'" + text + "' is not true or false"));
                return text;
            }
            if (tag.equals(Tag.INT)) {
                if (PlainScalars.INTEGER.matcher(text).matches()) {
                    try {
                        return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
                    } catch (NumberFormatException tooLarge) {
                        return new BigDecimal(text);
                    }
                }
                problems.add(new ConfigProblem(location, path, "'" + text + "' is not a decimal integer"));
                return text;
            }
            if (tag.equals(Tag.FLOAT)) {
                if (PlainScalars.DECIMAL.matcher(text).matches() || PlainScalars.INTEGER.matcher(text).matches()) {
                    try {
                        BigDecimal number = new BigDecimal(text);
                        if (Math.abs(number.scale()) <= 1000) {
                            return number;
                        }
                    } catch (NumberFormatException | ArithmeticException ignored) {
                        // fall through to the problem below
                    }
                }
                problems.add(new ConfigProblem(location, path, "'" + text + "' is not a decimal number"));
                return text;
            }
            return text;
        }
    }
}
