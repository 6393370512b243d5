package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.events.Severity;
import dev.caretaker.notify.Notification;
import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigProviderTest {

    static final String VALID = """
            schemaVersion: 2
            customer: {id: acme, account: "123456789012", region: eu-central-1}
            environment: prod
            drift:
              schedule: cron(0 3 * * ? *)
            """;
    static final String INVALID = """
            schemaVersion: 2
            customer: {id: acme, account: "123456789012", region: eu-central-1}
            environment: prod
            drift:
              schedule: cron(0 3 * * * *)
            backup:
              copyToRegion: eu-central-1
            """;
    private static final Duration TTL = Duration.ofSeconds(60);

    /** A source whose stored document the test replaces, counting reads. */
    static final class FakeSource implements ConfigSource {
        String version = "1";
        String text = VALID;
        RuntimeException failure;
        int fetches;

        void store(String newVersion, String newText) {
            version = newVersion;
            text = newText;
        }

        @Override
        public StoredConfig fetch() {
            fetches++;
            if (failure != null) {
                throw failure;
            }
            return new StoredConfig(version, text);
        }

        @Override
        public String describe() {
            return "ssm:/caretaker/acme/prod/config";
        }
    }

    static final class RecordingMetrics implements ConfigMetrics {
        final List<String> recorded = new ArrayList<>();

        @Override
        public void accepted() {
            recorded.add("accepted");
        }

        @Override
        public void rejected(int problems) {
            recorded.add("rejected:" + problems);
        }

        @Override
        public void unreadable() {
            recorded.add("unreadable");
        }
    }

    private final FakeSource source = new FakeSource();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<Notification> notifications = new ArrayList<>();
    private final ConfigProvider provider = new ConfigProvider(source, TTL, clock, new ConfigValidator(), metrics, notifications::add);

    @Test
    void loadsValidVersion_andReadsTheSourceOncePerTtl() {
        assertThat(provider.current().drift().orElseThrow().schedule()).contains("cron(0 3 * * ? *)");
        clock.advance(TTL.minusSeconds(1));
        provider.current();
        assertThat(source.fetches).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        provider.current();

        assertThat(source.fetches).isEqualTo(2);
        assertThat(metrics.recorded).containsExactly("accepted");
        assertThat(provider.active().version()).isEqualTo("1");
    }

    @Test
    void usesNewVersion_afterTtl_whenItIsValid() {
        provider.current();
        source.store("2", VALID.replace("cron(0 3 * * ? *)", "rate(6 hours)"));

        clock.advance(TTL);

        assertThat(provider.current().drift().orElseThrow().schedule()).contains("rate(6 hours)");
        assertThat(provider.active().version()).isEqualTo("2");
        assertThat(metrics.recorded).containsExactly("accepted", "accepted");
    }

    @Test
    void rejectsInvalidVersion_keepsLastValid_countsAndNotifiesOnce() {
        provider.current();
        source.store("2", INVALID);

        clock.advance(TTL);
        CaretakerConfig inForce = provider.current();
        clock.advance(TTL);
        provider.current();

        assertThat(inForce.drift().orElseThrow().schedule()).contains("cron(0 3 * * ? *)");
        assertThat(provider.active().version()).isEqualTo("1");
        assertThat(metrics.recorded).containsExactly("accepted", "rejected:2");
        assertThat(notifications).singleElement().satisfies(notification -> {
            assertThat(notification.severity()).isEqualTo(Severity.ERROR);
            assertThat(notification.subject()).isEqualTo("Configuration version 2 rejected");
            assertThat(notification.body()).contains("Version 1 stays in force.")
                    .contains("ssm:/caretaker/acme/prod/config:5:13: drift.schedule: EventBridge Scheduler would reject")
                    .contains("ssm:/caretaker/acme/prod/config:7:17: backup.copyToRegion:");
            assertThat(notification.jobId()).isEqualTo("config-rejected-2");
            assertThat(notification.facts()).containsEntry("versionInForce", "1").containsEntry("problems", 2);
        });
    }

    @Test
    void recovers_whenAFixedVersionFollowsARejectedOne() {
        provider.current();
        source.store("2", INVALID);
        clock.advance(TTL);
        provider.current();
        source.store("3", VALID.replace("prod", "prod\ncost: {monthlyBudget: 10}"));

        clock.advance(TTL);

        assertThat(provider.active().version()).isEqualTo("3");
        assertThat(provider.current().cost()).isPresent();
    }

    @Test
    void failsWithEveryReason_whenTheFirstVersionIsInvalid() {
        source.store("1", INVALID);

        assertThatThrownBy(provider::current).isInstanceOf(ConfigUnavailableException.class)
                .hasMessageContaining("version 1 is invalid")
                .hasMessageContaining("drift.schedule");
        assertThat(notifications).singleElement().extracting(Notification::body).asString()
                .contains("No earlier valid version is loaded");
    }

    @Test
    void keepsLastValid_whenTheSourceCannotBeRead() {
        provider.current();
        source.failure = new ConfigSource.ConfigSourceException("SSM GetParameter failed: throttled", null);

        clock.advance(TTL);

        assertThat(provider.active().version()).isEqualTo("1");
        assertThat(metrics.recorded).containsExactly("accepted", "unreadable");
    }

    @Test
    void failsClearly_whenTheSourceCannotBeReadAndNothingIsLoaded() {
        source.failure = new ConfigSource.ConfigSourceException("SSM GetParameter on /x failed: ParameterNotFound", null);

        assertThatThrownBy(provider::current).isInstanceOf(ConfigUnavailableException.class)
                .hasMessage("cannot read the configuration from ssm:/caretaker/acme/prod/config: SSM GetParameter on /x failed: ParameterNotFound");
    }
}
