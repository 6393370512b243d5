package dev.caretaker.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.config.ConfigMetrics;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.config.ConfigSource;
import dev.caretaker.config.ConfigValidator;
import dev.caretaker.drift.budget.TokenBucket;
import dev.caretaker.drift.budget.TokenBucketStore;
import dev.caretaker.notify.Notification;
import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Drift settings follow the configuration in force, and fall back to the environment's without one. */
class ConfiguredDriftSettingsTest {

    private static final String HEADER = """
            schemaVersion: 2
            customer: {id: acme, account: "123456789012", region: eu-central-1}
            environment: prod
            """;
    private static final String DRIFT = HEADER + """
            drift:
              remediation: on-approval
              rateLimit: {callsPerSecond: 5}
              ignore:
                - resource: AppFunction
                  resourceType: AWS::Lambda::*
                  property: Properties.Timeout
                  reason: tuned by the vendor's support
            """;
    private static final DriftSettings ENVIRONMENT = new DriftSettings(List.of(), RemediationMode.AUTO, 2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final StoredText source = new StoredText();
    private final List<Notification> notifications = new ArrayList<>();
    private final ConfigProvider provider = new ConfigProvider(source, Duration.ZERO, clock, new ConfigValidator(),
            new IgnoredMetrics(), notifications::add);
    private final ConfiguredDriftSettings settings = new ConfiguredDriftSettings(Optional.of(provider), ENVIRONMENT);

    @Test
    void takesIgnoreRulesRemediationAndRate_fromTheConfigurationsDriftSection() {
        source.store("1", DRIFT);

        DriftSettings inForce = settings.get();

        assertThat(inForce.remediation()).isEqualTo(RemediationMode.ON_APPROVAL);
        assertThat(inForce.callsPerSecond()).isEqualTo(5);
        assertThat(inForce.ignore()).singleElement().satisfies(rule -> {
            assertThat(rule.ignores("AppFunction", "AWS::Lambda::Function", "Timeout")).isTrue();
            assertThat(rule.ignores("AppFunction", "AWS::Lambda::Function", "MemorySize")).isFalse();
        });
    }

    @Test
    void keepsTheEnvironmentsRate_whenTheConfigurationNamesNone() {
        source.store("1", HEADER + "drift:\n  remediation: never\n");

        assertThat(settings.get()).isEqualTo(new DriftSettings(List.of(), RemediationMode.NEVER, 2));
    }

    @Test
    void usesTheEnvironmentsSettings_whenTheConfigurationHasNoDriftSection() {
        source.store("1", HEADER);

        assertThat(settings.get()).isEqualTo(ENVIRONMENT);
    }

    @Test
    void usesTheEnvironmentsSettings_whenNoValidVersionWasEverLoaded() {
        source.store("1", HEADER + "drift:\n  remediation: sometimes\n");

        assertThat(settings.get()).isEqualTo(ENVIRONMENT);
        assertThat(notifications).as("the rejection is announced by the provider").hasSize(1);
    }

    @Test
    void keepsTheLastValidSettings_whenANewVersionIsInvalid() {
        source.store("1", DRIFT);
        settings.get();
        source.store("2", DRIFT.replace("on-approval", "sometimes"));

        assertThat(settings.get().remediation()).isEqualTo(RemediationMode.ON_APPROVAL);
    }

    @Test
    void usesTheEnvironmentsSettings_whenNoConfigurationIsWired() {
        assertThat(new ConfiguredDriftSettings(Optional.empty(), ENVIRONMENT).get()).isSameAs(ENVIRONMENT);
    }

    @Test
    void rateBudgetFollowsTheConfiguredRate_fromTheNextCallOn() throws InterruptedException {
        source.store("1", DRIFT);
        List<Long> intervals = new ArrayList<>();
        TokenBucketStore store = (floorMicros, intervalMicros) -> {
            intervals.add(intervalMicros);
            return floorMicros;
        };
        ConfiguredRateBudget budget = new ConfiguredRateBudget(settings,
                rate -> TokenBucket.perSecond(store, rate, clock, pause -> { }));

        budget.acquire();
        source.store("2", DRIFT.replace("callsPerSecond: 5", "callsPerSecond: 4"));
        budget.acquire();

        assertThat(intervals).containsExactly(200_000L, 250_000L);
        assertThat(budget.callsPerSecond()).isEqualTo(4);
        assertThat(budget.burst()).as("one second's worth at the new rate").isEqualTo(4);
    }

    /** A stored document the test replaces. */
    private static final class StoredText implements ConfigSource {
        private String version = "0";
        private String text = HEADER;

        void store(String newVersion, String newText) {
            version = newVersion;
            text = newText;
        }

        @Override
        public StoredConfig fetch() {
            return new StoredConfig(version, text);
        }

        @Override
        public String describe() {
            return "ssm:/caretaker/acme/prod/config";
        }
    }

    private static final class IgnoredMetrics implements ConfigMetrics {
        @Override
        public void accepted() {
        }

        @Override
        public void rejected(int problems) {
        }

        @Override
        public void unreadable() {
        }
    }
}
