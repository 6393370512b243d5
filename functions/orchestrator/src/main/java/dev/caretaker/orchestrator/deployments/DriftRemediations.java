package dev.caretaker.orchestrator.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStore;
import dev.caretaker.job.CreateOutcome;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.orchestrator.webhook.StartOutcome;
import dev.caretaker.orchestrator.webhook.StepFunctionsDeploymentStarter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a drift check's {@code DriftRemediationRequested} event into a deployment that reverts the
 * drift: a DEPLOY job keyed on the check (so a repeated event changes nothing), its record, and the
 * deployment workflow in mode REVERT_DRIFT, which proposes a drift-aware change set back to the
 * template the stack runs and asks for approval as the drift configuration decided.
 */
public final class DriftRemediations {

    public static final String SOURCE = "caretaker.drift";
    public static final String DETAIL_TYPE = "DriftRemediationRequested";

    private static final Logger LOG = LoggerFactory.getLogger(DriftRemediations.class);

    private final JobStore jobs;
    private final DeploymentStore deployments;
    private final StepFunctionsDeploymentStarter starter;
    private final String environment;
    private final Clock clock;

    /** What became of a request: the remediation's deployment id and how its start went. */
    public record Launched(String deploymentId, String stack, String outcome) {
    }

    public DriftRemediations(JobStore jobs, DeploymentStore deployments, StepFunctionsDeploymentStarter starter, String environment,
                             Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.environment = environment;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static boolean isRequest(JsonNode event) {
        return SOURCE.equals(event.path("source").asText()) && DETAIL_TYPE.equals(event.path("detail-type").asText());
    }

    /**
     * @throws IllegalArgumentException when the event lacks the check's job id or the stack
     * @throws IllegalStateException    when the workflow could not be started now (the bus retries the event)
     */
    public Launched launch(JsonNode event) {
        JsonNode detail = event.path("detail");
        String checkJobId = detail.path("jobId").asText("");
        JsonNode data = detail.path("data");
        String stack = data.path("stack").asText("");
        if (checkJobId.isBlank() || stack.isBlank()) {
            throw new IllegalArgumentException(DETAIL_TYPE + " needs detail.jobId (the drift check) and detail.data.stack");
        }
        boolean approvalRequired = !"auto".equals(data.path("approval").asText("required"));
        Instant now = clock.instant();
        String correlationId = detail.path("correlationId").asText(checkJobId);
        CreateOutcome created = jobs.create(new JobRequest(JobType.DEPLOY, stack, new JobTrigger.Parent(checkJobId, "remediation"),
                correlationId), now);
        Job job = created.job();
        if (job.status() != JobStatus.QUEUED) {
            return new Launched(job.id(), stack, "already " + job.status());
        }
        String version = deployments.lastSucceeded(stack).map(Deployment::version).orElse("unversioned");
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("remediationOf", checkJobId);
        List<String> resources = new ArrayList<>();
        data.path("resources").forEach(resource -> resources.add(resource.asText()));
        origin.put("driftedResources", resources);
        deployments.createIfAbsent(Deployment.started(job.id(), stack, version, null, environment, false, null, origin, now));
        StartOutcome started = starter.startRemediation(job.id(), stack, version, checkJobId, approvalRequired);
        return switch (started) {
            case StartOutcome.Started ok -> {
                LOG.info("drift remediation started: deployment={} stack={} check={} approval={}", job.id(), stack, checkJobId,
                        approvalRequired ? "required" : "auto");
                yield new Launched(job.id(), stack, "started");
            }
            case StartOutcome.AlreadyStarted ok -> new Launched(job.id(), stack, "already started");
            // The bus retries a failed delivery: the job exists, and the next try starts its workflow.
            case StartOutcome.Unavailable unavailable -> throw new IllegalStateException("drift remediation of " + stack
                    + " could not be started now: " + unavailable.reason());
            case StartOutcome.Failed failed -> throw new IllegalStateException("drift remediation of " + stack
                    + " could not be started: " + failed.reason());
        };
    }
}
