package dev.caretaker.orchestrator.schedule;

import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.config.ConfigUnavailableException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stacks a drift check covers: the configuration's {@code drift.stacks} when a configuration is
 * in force and names them, else {@code fallback} (DRIFT_STACKS). A selection by tag
 * ({@code drift.tagSelector}) is resolved by {@code tagged}.
 */
public final class ConfiguredStackSource implements StackSource {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredStackSource.class);

    private final Optional<ConfigProvider> provider;
    private final StackSource fallback;
    private final TaggedStacks tagged;

    public ConfiguredStackSource(Optional<ConfigProvider> provider, StackSource fallback, TaggedStacks tagged) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.tagged = Objects.requireNonNull(tagged, "tagged");
    }

    @Override
    public List<String> stacks() {
        if (provider.isEmpty()) {
            return fallback.stacks();
        }
        CaretakerConfig config;
        try {
            config = provider.get().current();
        } catch (ConfigUnavailableException e) {
            LOG.warn("no valid configuration in force ({}); drift checks cover DRIFT_STACKS", e.getMessage());
            return fallback.stacks();
        }
        Optional<CaretakerConfig.Drift> drift = config.drift();
        if (drift.isPresent() && !drift.get().tagSelector().isEmpty()) {
            return tagged.matching(drift.get().tagSelector());
        }
        if (drift.isPresent() && !drift.get().stacks().isEmpty()) {
            return drift.get().stacks();
        }
        return fallback.stacks();
    }
}
