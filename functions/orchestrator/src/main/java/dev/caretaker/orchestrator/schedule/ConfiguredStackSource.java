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
        return named().orElseGet(() -> tagged.matching(Map.of()));
    }

    /**
     * The stacks the first source that names a scope selects. A tag selector's answer stands even
     * when no stack carries the tags yet: widening it to every managed stack would check (and, with
     * remediation on, change) stacks the operator left out.
     */
    private Optional<List<String>> named() {
        if (provider.isEmpty()) {
            return nonEmpty(fallback.stacks());
        }
        CaretakerConfig config;
        try {
            config = provider.get().current();
        } catch (ConfigUnavailableException e) {
            LOG.warn("no valid configuration in force ({}); drift checks cover DRIFT_STACKS", e.getMessage());
            return nonEmpty(fallback.stacks());
        }
        Optional<CaretakerConfig.Drift> drift = config.drift();
        if (drift.isPresent() && !drift.get().tagSelector().isEmpty()) {
            List<String> selected = tagged.matching(drift.get().tagSelector());
            if (selected.isEmpty()) {
                LOG.warn("drift.tagSelector {} matches no managed stack: nothing to check", drift.get().tagSelector());
            }
            return Optional.of(selected);
        }
        if (drift.isPresent() && !drift.get().stacks().isEmpty()) {
            return Optional.of(drift.get().stacks());
        }
        return nonEmpty(fallback.stacks());
    }

    private static Optional<List<String>> nonEmpty(List<String> stacks) {
        return stacks.isEmpty() ? Optional.empty() : Optional.of(stacks);
    }
}
