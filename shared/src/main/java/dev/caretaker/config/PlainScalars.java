package dev.caretaker.config;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain (unquoted) scalars the way YAML 1.2's core schema does, not YAML 1.1: only
 * {@code true}/{@code false} are booleans (so {@code NO}, {@code on} and {@code yes} stay strings),
 * only decimal digits are integers (so {@code 22:00} is not the sexagesimal number 1320 and
 * {@code 0755} is not octal), and dates stay strings. What a YAML 1.1 parser would silently turn
 * into something else is left as the text the operator wrote.
 */
final class PlainScalars extends Resolver {

    static final Pattern BOOLEAN = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    static final Pattern INTEGER = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$");
    static final Pattern DECIMAL = Pattern.compile(
            "^[-+]?(?:(?:0|[1-9][0-9]*)\\.[0-9]+(?:[eE][-+]?[0-9]+)?|(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+)$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOLEAN, "tTfF");
        addImplicitResolver(Tag.INT, INTEGER, "-+0123456789");
        addImplicitResolver(Tag.FLOAT, DECIMAL, "-+0123456789");
        addImplicitResolver(Tag.NULL, Resolver.NULL, "~nN\0");
        addImplicitResolver(Tag.NULL, Resolver.EMPTY, null);
    }
}
