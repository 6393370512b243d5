package dev.caretaker.deployment.workflow;

import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.deployment.prerequisites.PrerequisiteChecks;
import dev.caretaker.deployment.prerequisites.PrerequisiteInput;
import dev.caretaker.deployment.prerequisites.PrerequisiteReport;
import dev.caretaker.deployment.release.ReleaseArtifacts;
import dev.caretaker.deployment.stack.StackDescription;
import dev.caretaker.deployment.stack.StackOperations;
import dev.caretaker.deployment.stack.TemplateSummary;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.work.PermanentFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs every prerequisite check against the verified template and reports all failures together,
 * each with what to do. The parameters to deploy with — the manifest's defaults overridden by the
 * configuration — are settled here and recorded, so the preview proposes exactly what was checked.
 */
public final class PrerequisitesStep implements WorkflowStep {

    private final StackOperations stacks;
    private final PrerequisiteChecks checks;
    private final ReleaseArtifacts artifacts;
    private final DeploymentRecords records;
    private final Supplier<CaretakerConfig> config;
    private final String deployRoleArn;

    /** @param deployRoleArn the service role CloudFormation deploys with; null when none is configured */
    public PrerequisitesStep(StackOperations stacks, PrerequisiteChecks checks, ReleaseArtifacts artifacts,
                             DeploymentRecords records, Supplier<CaretakerConfig> config, String deployRoleArn) {
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.checks = Objects.requireNonNull(checks, "checks");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.records = Objects.requireNonNull(records, "records");
        this.config = Objects.requireNonNull(config, "config");
        this.deployRoleArn = deployRoleArn;
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        Deployment deployment = records.open(in.deployment().deploymentId());
        StackPolicy policy = StackPolicy.of(config.get(), deployment.stack());
        KeptRelease release = KeptRelease.of(deployment);
        records.step(deployment, TwoWayStep.PREREQUISITES, "checking prerequisites for " + deployment.stack() + " " + release.version());

        TemplateSummary template = stacks.templateSummary(release.source(artifacts));
        String stackStatus = stacks.describeStack(deployment.stack()).map(StackDescription::status).orElse(null);
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        if (release.revertDrift()) {
            // Back to the template the stack runs, with the values it runs: NoEcho ones are only known to CloudFormation.
            template.parameters().forEach(parameter -> kept.add(parameter.key()));
        } else {
            parameters.putAll(release.manifestParameters());
            parameters.putAll(policy.parameters());
        }
        PrerequisiteReport report = checks.check(new PrerequisiteInput(deployment.stack(), stackStatus, release.capabilities(),
                new ArrayList<>(policy.capabilities()), parameters, new HashSet<>(kept), template, deployRoleArn));
        if (!report.passed()) {
            throw new PermanentFailure("PREREQUISITES: " + report.failures().size() + " of " + report.findings().size()
                    + " checks failed:\n" + report.failureText().strip());
        }
        Instant now = records.now();
        records.update(deployment.id(), current -> KeptRelease.with(KeptRelease.with(current, KeptRelease.DEPLOY_PARAMETERS,
                        parameters, now), KeptRelease.KEEP_PARAMETERS, kept, now)
                .withEvent("prerequisites", report.findings().size() + " checks passed", now));
        return Map.of("checks", report.findings().size());
    }
}
