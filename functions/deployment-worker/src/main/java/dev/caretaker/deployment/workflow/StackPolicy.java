package dev.caretaker.deployment.workflow;

import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.deployment.stack.RollbackTriggers;
import dev.caretaker.work.PermanentFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the configuration in force says about deploying one stack. Caretaker deploys only the stacks
 * the customer lists under {@code deployment.stacks}: a release for any other stack is refused, so
 * a vendor cannot create stacks the customer never agreed to.
 */
public record StackPolicy(String stack, String environment, CaretakerConfig.Approval approval, Duration approvalTimeout,
                          Map<String, String> parameters, Map<String, String> tags, Set<String> capabilities,
                          RollbackTriggers rollback, List<CaretakerConfig.TrustedKey> trustedKeys) {

    public StackPolicy {
        parameters = Map.copyOf(parameters);
        tags = Map.copyOf(tags);
        capabilities = Set.copyOf(capabilities);
        trustedKeys = List.copyOf(trustedKeys);
    }

    public static StackPolicy of(CaretakerConfig config, String stack) {
        CaretakerConfig.Deployment deployment = config.deployment().orElseThrow(() -> new PermanentFailure(
                "the configuration in force (environment " + config.environment() + ") has no deployment section: add "
                        + stack + " under deployment.stacks to let Caretaker deploy it"));
        CaretakerConfig.Stack settings = deployment.stacks().stream().filter(s -> s.name().equals(stack)).findFirst()
                .orElseThrow(() -> new PermanentFailure("stack " + stack + " is not in deployment.stacks of the configuration in"
                        + " force (environment " + config.environment() + "; listed: " + deployment.stacks().stream()
                        .map(CaretakerConfig.Stack::name).toList() + "): Caretaker deploys only the stacks the customer lists"));
        RollbackTriggers rollback = settings.rollback() == null ? RollbackTriggers.none()
                : new RollbackTriggers(settings.rollback().alarms(), settings.rollback().monitoringMinutes());
        return new StackPolicy(stack, config.environment(), settings.approval(), deployment.approvalTimeout(),
                settings.parameters(), settings.tags(), settings.capabilities(), rollback, deployment.trustedKeys());
    }

    public boolean approvalRequired() {
        return approval == CaretakerConfig.Approval.REQUIRED;
    }
}
