package dev.caretaker.config;

import dev.caretaker.events.Severity;
import dev.caretaker.notify.Notification;
import dev.caretaker.notify.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration a function runs with, reloaded from its {@link ConfigSource} at most once per
 * TTL. A new version is validated before it is used. An invalid one is rejected: a metric
 * (alarmable), one notification per rejected version, and the last valid version stays in force.
 * When the source cannot be read, the last valid version stays in force too.
 *
 * <p>Lambda runs one invocation per instance at a time; the methods are synchronized anyway so a
 * caller that shares a provider across threads gets one reload, not several.
 */
public final class ConfigProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigProvider.class);
    static final int PROBLEMS_IN_NOTIFICATION = 20;

    /** The configuration in force and the version it came from. */
    public record Active(String version, CaretakerConfig config, Instant loadedAt) {
    }

    /** The latest version that was rejected, with why, as long as no later version was taken. */
    public record Rejection(String version, List<ConfigProblem> problems, Instant at) {
        public Rejection {
            problems = List.copyOf(problems);
        }
    }

    private final ConfigSource source;
    private final Duration ttl;
    private final Clock clock;
    private final ConfigValidator validator;
    private final ConfigMetrics metrics;
    private final Notifier notifier;
    private final SafeYamlLoader loader = new SafeYamlLoader();

    private Active active;
    private String lastSeenVersion;
    private Rejection lastRejection;
    private Instant checkedAt;

    public ConfigProvider(ConfigSource source, Duration ttl, Clock clock, ConfigValidator validator,
                          ConfigMetrics metrics, Notifier notifier) {
        this.source = Objects.requireNonNull(source, "source");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /** Where the configuration is read from, e.g. {@code ssm:/caretaker/acme/prod/config}. */
    public String source() {
        return source.describe();
    }

    /** The configuration in force, reloading first if the TTL has passed. */
    public synchronized CaretakerConfig current() {
        return active().config();
    }

    /** The latest rejected version, unless a valid version was taken after it. Does not reload. */
    public synchronized Optional<Rejection> lastRejection() {
        return Optional.ofNullable(lastRejection);
    }

    /** Like {@link #current()}, with the version and when it was loaded. */
    public synchronized Active active() {
        Instant now = clock.instant();
        if (checkedAt == null || !now.isBefore(checkedAt.plus(ttl))) {
            reload(now);
        }
        if (active == null) {
            throw new ConfigUnavailableException("no valid configuration from " + source.describe()
                    + (lastRejection == null ? "" : ": version " + lastRejection.version() + " is invalid, first problem: "
                    + lastRejection.problems().getFirst()), null);
        }
        return active;
    }

    private void reload(Instant now) {
        checkedAt = now;
        ConfigSource.StoredConfig stored;
        try {
            stored = source.fetch();
        } catch (ConfigSource.ConfigSourceException e) {
            metrics.unreadable();
            if (active == null) {
                throw new ConfigUnavailableException("cannot read the configuration from " + source.describe() + ": "
                        + e.getMessage(), e);
            }
            LOG.warn("cannot read the configuration from {}; version {} stays in force: {}",
                    source.describe(), active.version(), e.getMessage());
            return;
        }
        if (stored.version().equals(lastSeenVersion)) {
            return;
        }
        lastSeenVersion = stored.version();
        Validation validation = validator.validate(loader.load(stored.text(), source.describe()));
        if (validation.valid()) {
            active = new Active(stored.version(), validation.config(), now);
            lastRejection = null;
            metrics.accepted();
            return;
        }
        lastRejection = new Rejection(stored.version(), validation.problems(), now);
        LOG.warn("configuration version {} from {} rejected ({} problems, first: {}); {}", stored.version(), source.describe(),
                validation.problems().size(), validation.problems().getFirst(),
                active == null ? "no valid version is loaded" : "version " + active.version() + " stays in force");
        metrics.rejected(validation.problems().size());
        notifier.send(rejection(stored.version(), validation.problems()));
    }

    private Notification rejection(String version, List<ConfigProblem> problems) {
        String kept = active == null ? "No earlier valid version is loaded: work that needs configuration fails until this is fixed."
                : "Version " + active.version() + " stays in force.";
        StringBuilder body = new StringBuilder("Configuration version ").append(version).append(" from ")
                .append(source.describe()).append(" is invalid and was not applied. ").append(kept).append("\n\n");
        problems.stream().limit(PROBLEMS_IN_NOTIFICATION).forEach(problem -> body.append(problem).append('\n'));
        if (problems.size() > PROBLEMS_IN_NOTIFICATION) {
            body.append("... and ").append(problems.size() - PROBLEMS_IN_NOTIFICATION).append(" more\n");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("source", source.describe());
        facts.put("rejectedVersion", version);
        // Notification facts hold no nulls: "no version in force" is said by leaving the fact out.
        Optional.ofNullable(active).ifPresent(inForce -> facts.put("versionInForce", inForce.version()));
        facts.put("problems", problems.size());
        return new Notification(Severity.ERROR, "Configuration version " + version + " rejected", body.toString(),
                "config-rejected-" + version.replaceAll("[^A-Za-z0-9._-]", "-"), facts);
    }
}
