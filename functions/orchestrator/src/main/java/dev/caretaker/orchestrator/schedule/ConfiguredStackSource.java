package dev.caretaker.orchestrator.schedule;

import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.config.ConfigUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stacks a drift check covers, first that applies: the configuration's {@code drift.tagSelector}
 * (resolved by {@code tagged}), its {@code drift.stacks}, the {@code fallback} (DRIFT_STACKS), and
 * when none names any, every Caretaker-managed stack ({@code tagged} with an empty selection).
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
        List<String> named = configured();
        return named.isEmpty() ? tagged.matching(Map.of()) : named;
    }

    private List<String> configured() {
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
