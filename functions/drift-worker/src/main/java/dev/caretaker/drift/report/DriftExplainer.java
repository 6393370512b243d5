package dev.caretaker.drift.report;

import dev.caretaker.drift.IgnoreRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns what detection found into what an operator reads: drop known benign drift (ignore rules),
 * give each difference and resource a severity (the severity table; a deleted stateful resource is
 * critical), list what could not be checked, and say why a check is partial.
 */
public final class DriftExplainer {

    private static final Comparator<ExplainedResource> WORST_FIRST = Comparator
            .comparing((ExplainedResource resource) -> !resource.drifted())
            .thenComparing(ExplainedResource::severity, Comparator.reverseOrder());

    private final List<IgnoreRule> ignoreRules;
    private final SeverityRules severityRules;

    public DriftExplainer(List<IgnoreRule> ignoreRules, SeverityRules severityRules) {
        this.ignoreRules = List.copyOf(Objects.requireNonNull(ignoreRules, "ignoreRules"));
        this.severityRules = Objects.requireNonNull(severityRules, "severityRules");
    }

    public DriftExplainer(List<IgnoreRule> ignoreRules) {
        this(ignoreRules, SeverityRules.DEFAULT);
    }

    public List<ExplainedStack> explain(List<StackDrift> stacks) {
        return stacks.stream().map(this::explain).toList();
    }

    public ExplainedStack explain(StackDrift stack) {
        List<ExplainedResource> resources = new ArrayList<>();
        List<String> partialReasons = new ArrayList<>(stack.problems());
        int ignored = 0;
        for (ResourceDrift resource : stack.resources()) {
            if (resource.status() == ResourceStatus.IN_SYNC) {
                continue;
            }
            if (ignoresWholeResource(resource)) {
                ignored++;
                continue;
            }
            switch (resource.status()) {
                case NOT_CHECKED -> resources.add(unchecked(resource, resource.statusReason()
                        .orElse("its resource type does not support drift detection")));
                case UNKNOWN -> {
                    String reason = resource.statusReason().orElse("drift detection failed");
                    resources.add(unchecked(resource, "drift detection failed: " + reason));
                    partialReasons.add(resource.logicalId() + ": " + reason);
                }
                case DELETED -> resources.add(deleted(resource));
                case MODIFIED -> {
                    Modified modified = modified(resource);
                    ignored += modified.ignored();
                    if (modified.resource() != null) {
                        resources.add(modified.resource());
                    }
                }
                case IN_SYNC -> throw new IllegalStateException("skipped above");
            }
        }
        resources.sort(WORST_FIRST);
        return new ExplainedStack(stack.stack(), stack.parent(), resources, partialReasons, ignored);
    }

    private boolean ignoresWholeResource(ResourceDrift resource) {
        return ignoreRules.stream().anyMatch(rule -> rule.wholeResource() && rule.appliesTo(resource.logicalId(), resource.type()));
    }

    private static ExplainedResource unchecked(ResourceDrift resource, String why) {
        return new ExplainedResource(resource.logicalId(), resource.type(), ResourceStatus.NOT_CHECKED, DriftSeverity.INFO,
                List.of(), why);
    }

    private static ExplainedResource deleted(ResourceDrift resource) {
        boolean stateful = StatefulTypes.isStateful(resource.type());
        return new ExplainedResource(resource.logicalId(), resource.type(), ResourceStatus.DELETED,
                stateful ? DriftSeverity.CRITICAL : DriftSeverity.WARNING, List.of(),
                stateful ? "deleted outside CloudFormation, and it held data" : "deleted outside CloudFormation");
    }

    private Modified modified(ResourceDrift resource) {
        if (resource.differences().isEmpty()) {
            return new Modified(new ExplainedResource(resource.logicalId(), resource.type(), ResourceStatus.MODIFIED,
                    DriftSeverity.WARNING, List.of(), "modified, with no property differences reported"), 0);
        }
        List<ExplainedDifference> kept = new ArrayList<>();
        int ignored = 0;
        DriftSeverity worst = DriftSeverity.INFO;
        String why = "";
        for (PropertyDifference difference : resource.differences()) {
            if (ignoreRules.stream().anyMatch(rule -> rule.ignores(resource.logicalId(), resource.type(), difference.path()))) {
                ignored++;
                continue;
            }
            SeverityRule rule = severityRules.classify(resource.type(), difference.path());
            kept.add(new ExplainedDifference(difference.path(), difference.expected(), difference.actual(), difference.type(),
                    rule.severity(), rule.why()));
            if (kept.size() == 1 || rule.severity().compareTo(worst) > 0) {
                worst = rule.severity();
                why = rule.why();
            }
        }
        if (kept.isEmpty()) {
            return new Modified(null, ignored);
        }
        return new Modified(new ExplainedResource(resource.logicalId(), resource.type(), ResourceStatus.MODIFIED, worst, kept, why),
                ignored);
    }

    private record Modified(ExplainedResource resource, int ignored) {
    }
}
