package dev.caretaker.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentStackSourceTest {

    @Test
    void listsStacksInOrderTrimmedAndOnce_whenVariableHasDuplicatesAndSpaces() {
        assertThat(new EnvironmentStackSource(" app-a, app-b ,app-c,app-a,, ").stacks())
                .containsExactly("app-a", "app-b", "app-c");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "  ", ",", " , ,"})
    void listsNoStacks_whenVariableIsUnsetOrEmpty(String value) {
        assertThat(new EnvironmentStackSource(value).stacks()).isEmpty();
    }

    @Test
    void acceptsTheLongestNameCloudFormationAllows_whenNameHas128Characters() {
        String longest = "a" + "-1".repeat(63) + "b";

        assertThat(longest).hasSize(128);
        assertThat(new EnvironmentStackSource(longest).stacks()).containsExactly(longest);
    }

    @Test
    void namesEveryInvalidStackAndTheRule_whenSomeNamesAreInvalid() {
        String tooLong = "a".repeat(129);

        assertThatThrownBy(() -> new EnvironmentStackSource("app-a, 1app, app_b, " + tooLong + ", app c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DRIFT_STACKS holds invalid stack names [1app, app_b, " + tooLong + ", app c]: a name starts with"
                        + " a letter and holds only letters, digits and hyphens (max 128)");
    }

    @Test
    void keepsTheListFixed_whenCallerTriesToChangeIt() {
        EnvironmentStackSource source = new EnvironmentStackSource("app-a");

        assertThatThrownBy(() -> source.stacks().add("app-b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
