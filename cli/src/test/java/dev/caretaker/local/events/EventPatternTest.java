package dev.caretaker.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventPatternTest {

    /** The template's notification rule: result events of WARNING and above. */
    private final EventPattern notify = EventPattern.parse(Map.of(
            "source", List.of(Map.of("prefix", "caretaker.")),
            "detail", Map.of("severity", List.of("WARNING", "ERROR", "CRITICAL"))), "notify");

    @Test
    void matches_whenSourceHasThePrefixAndSeverityIsListed() {
        assertThat(notify.matches(event("caretaker.drift", "{\"severity\":\"WARNING\"}"))).isTrue();
        assertThat(notify.matches(event("caretaker.backup", "{\"severity\":\"CRITICAL\",\"jobId\":\"j\"}"))).isTrue();
    }

    @Test
    void doesNotMatch_whenSeverityIsNotListed() {
        assertThat(notify.matches(event("caretaker.drift", "{\"severity\":\"INFO\"}"))).isFalse();
    }

    @Test
    void doesNotMatch_whenSourceLacksThePrefix() {
        assertThat(notify.matches(event("aws.ec2", "{\"severity\":\"ERROR\"}"))).isFalse();
        assertThat(notify.matches(event("caretaker", "{\"severity\":\"ERROR\"}"))).isFalse();
    }

    @Test
    void doesNotMatch_whenANestedFieldIsMissing() {
        assertThat(notify.matches(event("caretaker.drift", "{\"summary\":\"no severity\"}"))).isFalse();
    }

    @Test
    void matchesAnyElement_whenTheEventFieldIsAnArray() {
        EventPattern byResource = EventPattern.parse(Map.of("resources", List.of("job-2")), "byResource");

        assertThat(byResource.matches(json("{\"resources\":[\"job-1\",\"job-2\"]}"))).isTrue();
        assertThat(byResource.matches(json("{\"resources\":[\"job-1\"]}"))).isFalse();
    }

    @Test
    void comparesNumbersBooleansAndNullByValue() {
        EventPattern values = EventPattern.parse(Map.of("detail", Map.of("count", List.of(5), "final", List.of(true),
                "reason", java.util.Arrays.asList((Object) null))), "values");

        assertThat(values.matches(json("{\"detail\":{\"count\":5.0,\"final\":true,\"reason\":null}}"))).isTrue();
        assertThat(values.matches(json("{\"detail\":{\"count\":\"5\",\"final\":true,\"reason\":null}}"))).isFalse();
        assertThat(values.matches(json("{\"detail\":{\"count\":5,\"final\":false,\"reason\":null}}"))).isFalse();
    }

    @Test
    void readsJsonText_whenAnEventsRuleHoldsThePatternAsAString() {
        EventPattern fromText = EventPattern.parse("{\"detail-type\":[\"DriftCheckCompleted\"]}", "rule");

        assertThat(fromText.matches(json("{\"detail-type\":\"DriftCheckCompleted\"}"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anything-but", "numeric", "exists", "suffix", "equals-ignore-case", "wildcard", "cidr"})
    void failsNamingTheOperator_whenItIsNotSupported(String operator) {
        assertThatThrownBy(() -> EventPattern.parse(Map.of("detail", Map.of("severity", List.of(Map.of(operator, "x")))), "Rule"))
                .isInstanceOf(UnsupportedEventPatternException.class)
                .hasMessage("Rule.detail.severity: the '" + operator + "' operator is not supported by the local event bus"
                        + " (exact values and prefix are)");
    }

    @Test
    void failsNamingTheKey_whenThePatternUsesOr() {
        assertThatThrownBy(() -> EventPattern.parse(Map.of("$or", List.of(Map.of("source", List.of("a")))), "Rule"))
                .isInstanceOf(UnsupportedEventPatternException.class)
                .hasMessage("Rule.$or: $or is not supported by the local event bus");
    }

    @Test
    void failsNamingTheOperator_whenItIsUnknown() {
        assertThatThrownBy(() -> EventPattern.parse(Map.of("source", List.of(Map.of("startsWith", "x"))), "Rule"))
                .isInstanceOf(UnsupportedEventPatternException.class)
                .hasMessageContaining("'startsWith' is not an event pattern operator the local event bus knows");
    }

    @Test
    void refusesAPrefixThatIsNotAString() {
        assertThatThrownBy(() -> EventPattern.parse(Map.of("source", List.of(Map.of("prefix", Map.of("equals-ignore-case", "x")))), "Rule"))
                .isInstanceOf(UnsupportedEventPatternException.class)
                .hasMessageContaining("only a string prefix is supported");
    }

    private static JsonNode event(String source, String detail) {
        return json("{\"source\":\"" + source + "\",\"detail-type\":\"T\",\"detail\":" + detail + "}");
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
