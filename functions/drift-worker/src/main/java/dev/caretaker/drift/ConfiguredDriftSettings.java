package dev.caretaker.drift;

import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.config.ConfigUnavailableException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift settings in force: the configuration's {@code drift} section when a configuration is in
 * force, else the environment's (DRIFT_IGNORE, DRIFT_REMEDIATION, DRIFT_CALLS_PER_SECOND). The
 * provider caches and validates; an invalid new version never reaches here, the last valid one does.
 * Before any valid version exists the environment's settings apply: remediation {@code never} by
 * default, so a missing configuration cannot make a check change anything.
 */
final class ConfiguredDriftSettings implements Supplier<DriftSettings> {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredDriftSettings.class);

    private final Optional<ConfigProvider> provider;
    private final DriftSettings fallback;

    ConfiguredDriftSettings(Optional<ConfigProvider> provider, DriftSettings fallback) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public DriftSettings get() {
        if (provider.isEmpty()) {
            return fallback;
        }
        CaretakerConfig config;
        try {
            config = provider.get().current();
        } catch (ConfigUnavailableException e) {
            LOG.warn("no valid configuration in force ({}); drift settings come from the environment", e.getMessage());
            return fallback;
        }
        return config.drift().map(drift -> from(drift, fallback)).orElse(fallback);
    }

    /** The configuration's drift section; what it leaves out (the rate) comes from {@code fallback}. */
    static DriftSettings from(CaretakerConfig.Drift drift, DriftSettings fallback) {
        List<IgnoreRule> ignore = drift.ignore().stream()
                .map(rule -> IgnoreRule.of(rule.resource(), rule.resourceType().orElse(null), rule.property().orElse(null),
                        rule.reason().orElse(null)))
                .toList();
        RemediationMode remediation = switch (drift.remediation()) {
            case NEVER -> RemediationMode.NEVER;
            case ON_APPROVAL -> RemediationMode.ON_APPROVAL;
            case AUTO -> RemediationMode.AUTO;
        };
        double callsPerSecond = drift.callsPerSecond().map(BigDecimal::doubleValue).orElse(fallback.callsPerSecond());
        return new DriftSettings(ignore, remediation, callsPerSecond);
    }
}
