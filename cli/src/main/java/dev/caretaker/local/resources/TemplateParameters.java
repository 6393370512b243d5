package dev.caretaker.local.resources;

import dev.caretaker.local.LocalAccount;
import dev.caretaker.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The template's parameters as a deployment would see them: given values over defaults, checked
 * against {@code AllowedValues} and {@code AllowedPattern} the way CloudFormation checks them, plus
 * the pseudo parameters ({@code AWS::Region}, {@code AWS::AccountId}, ...) of the local account.
 */
public record TemplateParameters(Map<String, String> values, LocalAccount account, String stackName) {

    public TemplateParameters {
        values = Map.copyOf(values);
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(stackName, "stackName");
    }

    /**
     * Resolves {@code given} against the template's declarations.
     *
     * @throws LocalTemplateException listing every parameter that is unknown, missing or not allowed
     */
    public static TemplateParameters resolve(Template template, Map<String, String> given, LocalAccount account, String stackName) {
        Map<String, Map<String, Object>> declared = template.parameters();
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(given.keySet())) {
            if (!declared.containsKey(name)) {
                problems.add(name + " is not a parameter of the template (it has " + declared.keySet() + ")");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        declared.forEach((name, declaration) -> {
            String value = given.containsKey(name) ? given.get(name) : scalar(declaration.get("Default"));
            if (value == null) {
                problems.add(name + " has no default: give it a value");
                return;
            }
            check(name, value, declaration).ifPresent(problems::add);
            values.put(name, value);
        });
        if (!problems.isEmpty()) {
            throw new LocalTemplateException("template parameters are not valid", problems);
        }
        return new TemplateParameters(values, account, stackName);
    }

    /** A parameter or pseudo parameter by name; empty if there is none. */
    public Optional<String> valueOf(String name) {
        return switch (name) {
            case "AWS::Region" -> Optional.of(account.region());
            case "AWS::AccountId" -> Optional.of(account.accountId());
            case "AWS::Partition" -> Optional.of("aws");
            case "AWS::URLSuffix" -> Optional.of("amazonaws.com");
            case "AWS::StackName" -> Optional.of(stackName);
            case "AWS::StackId" -> Optional.of(account.arn("cloudformation", "stack/" + stackName + "/local"));
            default -> Optional.ofNullable(values.get(name));
        };
    }

    private static Optional<String> check(String name, String value, Map<String, Object> declaration) {
        if (declaration.get("AllowedValues") instanceof List<?> allowed
                && allowed.stream().map(TemplateParameters::scalar).noneMatch(value::equals)) {
            return Optional.of(name + " is '" + value + "', allowed: " + allowed.stream().map(TemplateParameters::scalar).toList());
        }
        if (declaration.get("AllowedPattern") instanceof String pattern) {
            try {
                if (!Pattern.compile(pattern).matcher(value).matches()) {
                    Object why = declaration.get("ConstraintDescription");
                    return Optional.of(name + " is '" + value + "', which does not match " + pattern
                            + (why == null ? "" : " (" + why + ")"));
                }
            } catch (PatternSyntaxException e) {
                return Optional.of(name + "'s AllowedPattern is not a pattern Java understands: " + e.getDescription());
            }
        }
        return Optional.empty();
    }

    private static String scalar(Object value) {
        return value == null ? null : value.toString();
    }
}
