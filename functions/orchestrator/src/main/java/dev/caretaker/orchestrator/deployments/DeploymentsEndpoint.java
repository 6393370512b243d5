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
import dev.caretaker.orchestrator.api.HttpRequest;
import dev.caretaker.orchestrator.api.HttpResponse;
import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.webhook.DeploymentRequest;
import dev.caretaker.orchestrator.webhook.DeploymentStart;
import dev.caretaker.orchestrator.webhook.PromotedFrom;
import dev.caretaker.orchestrator.webhook.ReleaseFieldRules;
import dev.caretaker.orchestrator.webhook.StartOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' deployment routes (IAM-authorised):
 * <ul>
 *   <li>{@code POST /deployments}: start one, idempotent per {@code requestId};</li>
 *   <li>{@code GET /deployments/{id}}: the record, without the approval token;</li>
 *   <li>{@code GET /deployments?stack=S&limit=N}: a stack's deployments, newest first;</li>
 *   <li>{@code POST /deployments/{id}/approval}: approve or reject one waiting for approval;</li>
 *   <li>{@code POST /deployments/{id}/cancel}: stop one before anything is applied.</li>
 * </ul>
 * The caller recorded as {@code requestedBy} or {@code by} is the IAM principal API Gateway
 * authenticated; without one (the local runtime) it is {@value #LOCAL_CALLER}.
 */
public final class DeploymentsEndpoint {

    public static final String LOCAL_CALLER = "local";
    public static final int MAX_BODY_BYTES = 16_384;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_REASON_CHARS = 1024;
    public static final int MAX_BY_CHARS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentsEndpoint.class);
    private static final Set<String> START_FIELDS = Set.of("stack", "version", "manifest", "now", "promotedFrom", "requestId");
    private static final Set<String> APPROVAL_FIELDS = Set.of("decision", "reason", "by");
    private static final Set<String> CANCEL_FIELDS = Set.of("reason");

    private final JobStore jobs;
    private final DeploymentStore store;
    private final DeploymentLauncher launcher;
    private final DeploymentApprovals approvals;
    private final DeploymentCancellation cancellation;
    private final Clock clock;

    public DeploymentsEndpoint(JobStore jobs, DeploymentStore store, DeploymentLauncher launcher, DeploymentApprovals approvals,
                               DeploymentCancellation cancellation, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.store = Objects.requireNonNull(store, "store");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code POST /deployments}: 202 {@code {deploymentId, jobId, status, duplicate, requestId}}. */
    public HttpResponse start(HttpRequest request) {
        if (request.bodyLength() > MAX_BODY_BYTES) {
            return tooLarge(request);
        }
        DeploymentRequest release;
        boolean now;
        PromotedFrom promotedFrom;
        String requestId;
        try {
            RequestFields body = RequestFields.parse(request.body(), START_FIELDS);
            String stack = body.text("stack");
            String version = body.text("version");
            String manifest = body.text("manifest");
            check("stack", ReleaseFieldRules.stackProblem(stack));
            check("version", ReleaseFieldRules.versionProblem(version));
            check("manifest", ReleaseFieldRules.manifestProblem(manifest));
            release = new DeploymentRequest(stack, version, manifest);
            now = body.flag("now");
            promotedFrom = promotedFrom(body.optionalObject("promotedFrom"));
            requestId = body.optionalText("requestId", 128);
            if (requestId != null && !Delivery.isWellFormedId(requestId)) {
                throw new RequestFields.Invalid("invalid field requestId: 1-128 letters, digits, '.', '_', ':' or '-',"
                        + " starting with a letter or digit");
            }
        } catch (RequestFields.Invalid invalid) {
            return HttpResponse.badRequest(invalid.getMessage());
        }
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        String requestedBy = request.caller().orElse(LOCAL_CALLER);

        CreateOutcome created = jobs.create(new JobRequest(JobType.DEPLOY, release.stack(), new JobTrigger.Manual(requestId)),
                clock.instant());
        Job job = created.job();
        Optional<Deployment> existing = store.find(job.id());
        if (created instanceof CreateOutcome.AlreadyExists) {
            Optional<String> mismatch = mismatch(job, existing, release);
            if (mismatch.isPresent()) {
                return HttpResponse.conflict("request id " + requestId + " was already used for " + mismatch.get()
                        + " (deployment " + job.id() + "); use another request id for another deployment");
            }
        }
        Deployment deployment = existing.orElse(null);
        // Only a QUEUED job can still lack its execution: the workflow claims the job when it runs.
        if (job.status() == JobStatus.QUEUED) {
            DeploymentLauncher.Launch launch = launcher.launch(DeploymentStart.requested(job.id(), release, requestedBy, now,
                    promotedFrom));
            deployment = launch.deployment();
            switch (launch.started()) {
                case StartOutcome.Started ok -> LOG.info("deployment started: deployment={} stack={} version={} by={}",
                        job.id(), release.stack(), release.version(), requestedBy);
                case StartOutcome.AlreadyStarted ok -> LOG.info("deployment already started: deployment={}", job.id());
                case StartOutcome.Unavailable unavailable -> {
                    LOG.warn("deployment start unavailable: deployment={} reason={} requestId={}", job.id(),
                            unavailable.reason(), request.requestId());
                    return HttpResponse.unavailable("the deployment workflow could not be started right now; retry with"
                            + " requestId " + requestId + " (deployment " + job.id() + " is recorded)");
                }
                case StartOutcome.Failed failed -> {
                    LOG.error("deployment start failed: deployment={} reason={} requestId={}", job.id(), failed.reason(),
                            request.requestId());
                    return HttpResponse.internalError("the deployment workflow could not be started; request id "
                            + request.requestId());
                }
            }
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("deploymentId", job.id());
        accepted.put("jobId", job.id());
        accepted.put("status", deployment != null ? deployment.status().name() : job.status().name());
        accepted.put("duplicate", created instanceof CreateOutcome.AlreadyExists);
        accepted.put("requestId", requestId);
        return HttpResponse.json(202, accepted);
    }

    /** {@code GET /deployments/{id}}. */
    public HttpResponse get(String deploymentId) {
        Optional<HttpResponse> invalid = invalidId(deploymentId);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return store.find(deploymentId)
                .map(deployment -> HttpResponse.json(200, DeploymentViews.view(deployment,
                        jobs.find(deploymentId).map(job -> job.status().name()).orElse(null))))
                .orElseGet(() -> HttpResponse.notFound("no deployment " + deploymentId));
    }

    /** {@code GET /deployments?stack=S&limit=N}: {@code {"deployments": [...]}}, newest first. */
    public HttpResponse list(HttpRequest request) {
        String stack = request.queryParameter("stack").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (stack == null) {
            return HttpResponse.badRequest("missing query parameter stack: deployments are listed per stack");
        }
        Optional<String> stackProblem = ReleaseFieldRules.stackProblem(stack);
        if (stackProblem.isPresent()) {
            return HttpResponse.badRequest("invalid query parameter stack: " + stackProblem.get());
        }
        int limit = DEFAULT_LIMIT;
        String limitValue = request.queryParameter("limit").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (limitValue != null) {
            try {
                limit = Integer.parseInt(limitValue);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                return HttpResponse.badRequest("invalid query parameter limit '" + RequestFields.shorten(limitValue)
                        + "': expected an integer from 1 to " + MAX_LIMIT);
            }
        }
        List<Map<String, Object>> summaries = new ArrayList<>();
        store.history(stack, limit).forEach(deployment -> summaries.add(DeploymentViews.summary(deployment)));
        return HttpResponse.json(200, Map.of("deployments", summaries));
    }

    /** {@code POST /deployments/{id}/approval}: 200 {@code {deploymentId, decision, by, status}}. */
    public HttpResponse approval(HttpRequest request, String deploymentId) {
        Optional<HttpResponse> invalid = invalidId(deploymentId);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (request.bodyLength() > MAX_BODY_BYTES) {
            return tooLarge(request);
        }
        Decision decision;
        String by;
        try {
            RequestFields body = RequestFields.parse(request.body(), APPROVAL_FIELDS);
            decision = Decision.read(body.text("decision"), body.optionalText("reason", MAX_REASON_CHARS), "");
            by = request.caller().orElse(Optional.ofNullable(body.optionalText("by", MAX_BY_CHARS)).orElse(LOCAL_CALLER));
        } catch (RequestFields.Invalid e) {
            return HttpResponse.badRequest(e.getMessage());
        }
        return ControlResponses.of(approvals.decide(deploymentId, decision.approve(), by, decision.reason()));
    }

    /** {@code POST /deployments/{id}/cancel}: 200 {@code {deploymentId, status}}. */
    public HttpResponse cancel(HttpRequest request, String deploymentId) {
        Optional<HttpResponse> invalid = invalidId(deploymentId);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (request.bodyLength() > MAX_BODY_BYTES) {
            return tooLarge(request);
        }
        String reason;
        try {
            reason = RequestFields.parse(request.body(), CANCEL_FIELDS).optionalText("reason", MAX_REASON_CHARS);
        } catch (RequestFields.Invalid e) {
            return HttpResponse.badRequest(e.getMessage());
        }
        return ControlResponses.of(cancellation.cancel(deploymentId, request.caller().orElse(LOCAL_CALLER), reason));
    }

    private static Optional<HttpResponse> invalidId(String deploymentId) {
        if (PromotedFrom.isDeploymentId(deploymentId)) {
            return Optional.empty();
        }
        return Optional.of(HttpResponse.badRequest("invalid deployment id '" + RequestFields.shorten(String.valueOf(deploymentId))
                + "': expected deploy- and 24 hex digits, e.g. deploy-0123456789abcdef01234567"));
    }

    private static PromotedFrom promotedFrom(JsonNode node) throws RequestFields.Invalid {
        if (node == null) {
            return null;
        }
        String environment = RequestFields.optionalText(node, "environment", "promotedFrom.environment", 64);
        String deploymentId = RequestFields.optionalText(node, "deploymentId", "promotedFrom.deploymentId", 64);
        if (environment == null) {
            throw new RequestFields.Invalid("missing field promotedFrom.environment");
        }
        if (deploymentId == null) {
            throw new RequestFields.Invalid("missing field promotedFrom.deploymentId");
        }
        if (!PromotedFrom.isEnvironmentName(environment)) {
            throw new RequestFields.Invalid("invalid field promotedFrom.environment: '" + RequestFields.shorten(environment)
                    + "' is not an environment name (1-64 lower-case letters, digits, '_' or '-')");
        }
        if (!PromotedFrom.isDeploymentId(deploymentId)) {
            throw new RequestFields.Invalid("invalid field promotedFrom.deploymentId: '" + RequestFields.shorten(deploymentId)
                    + "' is not a deployment id like deploy-0123456789abcdef01234567");
        }
        return new PromotedFrom(environment, deploymentId);
    }

    /** What a reused request id was first used for, when it differs from this request. */
    private static Optional<String> mismatch(Job job, Optional<Deployment> existing, DeploymentRequest release) {
        if (!job.target().equals(release.stack())) {
            return Optional.of("stack " + job.target());
        }
        return existing.filter(deployment -> !Objects.equals(deployment.version(), release.version())
                        || !Objects.equals(deployment.manifest(), release.manifest()))
                .map(deployment -> deployment.stack() + "@" + deployment.version() + " from " + deployment.manifest());
    }

    private static void check(String field, Optional<String> problem) throws RequestFields.Invalid {
        if (problem.isPresent()) {
            throw new RequestFields.Invalid("invalid field " + field + ": " + problem.get());
        }
    }

    private static HttpResponse tooLarge(HttpRequest request) {
        return HttpResponse.payloadTooLarge("body is " + request.bodyLength() + " bytes; the limit is " + MAX_BODY_BYTES + " bytes");
    }
}
