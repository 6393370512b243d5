package dev.caretaker.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.config.ConfigMetrics;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.config.ConfigSource;
import dev.caretaker.config.ConfigValidator;
import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which stacks a drift check covers, from the configuration in force or else DRIFT_STACKS. */
class ConfiguredStackSourceTest {

    private static final String HEADER = """
            schemaVersion: 2
            customer: {id: acme, account: "123456789012", region: eu-central-1}
            environment: prod
            """;

    private final List<Map<String, String>> selections = new ArrayList<>();
    private final TaggedStacks tagged = selector -> {
        selections.add(selector);
        return List.of("app-orders");
    };
    private final StackSource environment = new EnvironmentStackSource("app-legacy");
    private String stored = HEADER;

    private final ConfigSource source = new ConfigSource() {
        @Override
        public StoredConfig fetch() {
            return new StoredConfig(Integer.toHexString(stored.hashCode()), stored);
        }

        @Override
        public String describe() {
            return "ssm:/caretaker/acme/prod/config";
        }
    };
    private final ConfigProvider provider = new ConfigProvider(source, Duration.ZERO,
            new MutableClock(Instant.parse("2026-11-22T10:00:00Z")), new ConfigValidator(), new ConfigMetrics() {
                @Override
                public void accepted() {
                }

                @Override
                public void rejected(int problems) {
                }

                @Override
                public void unreadable() {
                }
            }, notification -> { });
    private final ConfiguredStackSource stacks = new ConfiguredStackSource(Optional.of(provider), environment, tagged);

    @Test
    void takesTheConfiguredStackNames_whenTheConfigurationListsThem() {
        stored = HEADER + "drift:\n  stacks: [app-orders, app-search]\n";

        assertThat(stacks.stacks()).containsExactly("app-orders", "app-search");
        assertThat(selections).isEmpty();
    }

    @Test
    void selectsByTag_whenTheConfigurationHasATagSelector() {
        stored = HEADER + "drift:\n  tagSelector: {caretaker:watch: \"true\"}\n";

        assertThat(stacks.stacks()).containsExactly("app-orders");
        assertThat(selections).containsExactly(Map.of("caretaker:watch", "true"));
    }

    @Test
    void selectsNothing_whenTheTagSelectorMatchesNoStack() {
        stored = HEADER + "drift:\n  tagSelector: {team: payments}\n";
        ConfiguredStackSource nothingTagged = new ConfiguredStackSource(Optional.of(provider), environment, selector -> {
            selections.add(selector);
            return selector.isEmpty() ? List.of("app-orders", "app-search") : List.of();
        });

        assertThat(nothingTagged.stacks()).as("a selection that matches nothing never widens to every managed stack").isEmpty();
        assertThat(selections).containsExactly(Map.of("team", "payments"));
    }

    @Test
    void fallsBackToTheEnvironment_whenTheConfigurationNamesNoStacks() {
        stored = HEADER + "drift:\n  remediation: never\n";

        assertThat(stacks.stacks()).containsExactly("app-legacy");
    }

    @Test
    void fallsBackToTheEnvironment_whenNoValidConfigurationWasEverLoaded() {
        stored = HEADER + "drift:\n  stacks: [\"not a stack name!\"]\n  surprise: true\n";

        assertThat(stacks.stacks()).containsExactly("app-legacy");
    }

    @Test
    void coversEveryManagedStack_whenNeitherTheConfigurationNorTheEnvironmentNamesAny() {
        stored = HEADER + "drift:\n  remediation: never\n";
        ConfiguredStackSource unnamed = new ConfiguredStackSource(Optional.of(provider), new EnvironmentStackSource(""), tagged);

        assertThat(unnamed.stacks()).containsExactly("app-orders");
        assertThat(selections).containsExactly(Map.of());
    }

    @Test
    void usesTheEnvironment_whenNoConfigurationIsWired() {
        assertThat(new ConfiguredStackSource(Optional.empty(), environment, tagged).stacks()).containsExactly("app-legacy");
    }
}
