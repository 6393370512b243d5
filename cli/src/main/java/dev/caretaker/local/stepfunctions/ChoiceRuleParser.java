package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Reads Choice rules: exactly one operator each, Next only at the top level. */
final class ChoiceRuleParser {

    private static final Map<String, Condition.TypeTest.TypeCheck> TYPE_TESTS = Map.of(
            "IsPresent", Condition.TypeTest.TypeCheck.PRESENT,
            "IsNull", Condition.TypeTest.TypeCheck.NULL,
            "IsString", Condition.TypeTest.TypeCheck.STRING,
            "IsNumeric", Condition.TypeTest.TypeCheck.NUMERIC,
            "IsBoolean", Condition.TypeTest.TypeCheck.BOOLEAN,
            "IsTimestamp", Condition.TypeTest.TypeCheck.TIMESTAMP);

    private ChoiceRuleParser() {
    }

    static ChoiceBranch branch(JsonNode node, String location) {
        Fields rule = new Fields(node, location, "a Choice rule");
        String next = rule.requiredString("Next");
        return new ChoiceBranch(condition(rule), next);
    }

    private static Condition nested(JsonNode node, String location) {
        Fields rule = new Fields(node, location, "a nested Choice rule");
        if (rule.has("Next")) {
            throw new DefinitionProblem(rule.at("Next"), "only top-level Choice rules have Next");
        }
        return condition(rule);
    }

    private static Condition condition(Fields rule) {
        String operator = singleOperator(rule);
        JsonNode operand = rule.get(operator);
        String at = rule.at(operator);
        switch (operator) {
            case "And", "Or" -> {
                noVariable(rule, operator);
                if (!operand.isArray() || operand.isEmpty()) {
                    throw new DefinitionProblem(at, operator + " takes a non-empty array of rules");
                }
                List<Condition> conditions = new ArrayList<>();
                for (int i = 0; i < operand.size(); i++) {
                    conditions.add(nested(operand.get(i), at + "[" + i + "]"));
                }
                return operator.equals("And") ? new Condition.And(conditions) : new Condition.Or(conditions);
            }
            case "Not" -> {
                noVariable(rule, operator);
                return new Condition.Not(nested(operand, at));
            }
            default -> {
                // Comparisons and type tests below.
            }
        }
        JsonPath variable = rule.optionalPath("Variable");
        if (variable == null) {
            throw new DefinitionProblem(rule.location(), operator + " needs a Variable to compare");
        }
        Condition.TypeTest.TypeCheck typeCheck = TYPE_TESTS.get(operator);
        if (typeCheck != null) {
            if (!operand.isBoolean()) {
                throw new DefinitionProblem(at, operator + " takes true or false, not " + operand);
            }
            return new Condition.TypeTest(variable, typeCheck, operand.booleanValue());
        }
        if (operator.endsWith("Path")) {
            Comparison comparison = Comparison.named(operator.substring(0, operator.length() - 4))
                    .filter(Comparison::hasPathForm).orElseThrow(() -> unknownOperator(at, operator));
            return new Condition.CompareToPath(variable, comparison, rule.optionalPath(operator));
        }
        Comparison comparison = Comparison.named(operator).orElseThrow(() -> unknownOperator(at, operator));
        if (!comparison.acceptsOperand(operand)) {
            throw new DefinitionProblem(at, operator + " cannot compare with " + operand + ": it takes a "
                    + comparison.kind().name().toLowerCase(Locale.ROOT) + " operand");
        }
        return new Condition.Compare(variable, comparison, operand);
    }

    private static String singleOperator(Fields rule) {
        List<String> operators = new ArrayList<>();
        rule.forEachField(field -> {
            if (!field.equals("Variable") && !field.equals("Next") && !field.equals("Comment")) {
                operators.add(field);
            }
        });
        if (operators.size() != 1) {
            throw new DefinitionProblem(rule.location(), "a Choice rule has exactly one operator, found "
                    + (operators.isEmpty() ? "none" : operators));
        }
        return operators.get(0);
    }

    private static void noVariable(Fields rule, String operator) {
        if (rule.has("Variable")) {
            throw new DefinitionProblem(rule.at("Variable"), operator + " combines rules; the Variable belongs in each of them");
        }
    }

    private static DefinitionProblem unknownOperator(String location, String operator) {
        List<String> supported = Stream.concat(
                Stream.concat(Stream.of("And", "Or", "Not"), TYPE_TESTS.keySet().stream().sorted()),
                Arrays.stream(Comparison.values()).flatMap(c -> c.hasPathForm()
                        ? Stream.of(c.aslName(), c.aslName() + "Path") : Stream.of(c.aslName()))).toList();
        return new DefinitionProblem(location, "'" + operator + "' is not a Choice operator the local interpreter supports;"
                + " it supports " + supported);
    }
}
