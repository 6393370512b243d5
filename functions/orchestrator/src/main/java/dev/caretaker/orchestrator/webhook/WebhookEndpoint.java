package dev.caretaker.orchestrator.webhook;

import dev.caretaker.job.CreateOutcome;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.orchestrator.api.HttpRequest;
import dev.caretaker.orchestrator.api.HttpResponse;
import dev.caretaker.orchestrator.deployments.ControlOutcome;
import dev.caretaker.orchestrator.deployments.ControlResponses;
import dev.caretaker.orchestrator.deployments.DeploymentApprovals;
import dev.caretaker.orchestrator.deployments.DeploymentLauncher;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/{source}}: turns a signed release notification into a DEPLOY job, its
 * deployment record and a started deployment workflow; and a signed {@code deployment.approval}
 * into a decision on a deployment waiting for approval (recorded as "BY via webhook SOURCE").
 *
 * <p>The order of the checks is the point of this class:
 * <ol>
 *   <li>size (413), before anything reads the body;</li>
 *   <li>source (404): a source without a secret does not exist;</li>
 *   <li>signature (401), before the body is trusted or any state is touched;</li>
 *   <li>delivery id and body (400);</li>
 *   <li>replay (409): an already consumed delivery;</li>
 *   <li>create the job: its id derives from source and delivery id, so a retried delivery finds the
 *       job its first attempt made instead of making a second;</li>
 *   <li>start the workflow, named after the job, so it starts at most once; if that fails
 *       transiently the answer is 503 and the delivery is <em>not</em> recorded, so the sender's
 *       retry goes through;</li>
 *   <li>only then record the delivery as consumed: a forged request, or one that failed half-way,
 *       never burns a delivery id.</li>
 * </ol>
 * Messages say what was wrong, never why in detail: no expected signatures, no hint of a secret.
 */
public final class WebhookEndpoint {

    public static final int MAX_BODY_BYTES = 262_144;
    public static final String SIGNATURE_HEADER = "X-Caretaker-Signature";
    public static final String DELIVERY_HEADER = "X-Caretaker-Delivery";
    public static final String GITHUB_SIGNATURE_HEADER = "X-Hub-Signature-256";
    public static final String GITHUB_DELIVERY_HEADER = "X-GitHub-Delivery";
    public static final String GITHUB = "github";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final WebhookSecrets secrets;
    private final DeliveryReplayGuard replayGuard;
    private final JobStore jobs;
    private final DeploymentLauncher launcher;
    private final DeploymentApprovals approvals;
    private final Clock clock;
    private final SignatureVerifier verifier;
    private final CaretakerReleaseParser caretakerParser = new CaretakerReleaseParser();
    private final GitHubReleaseParser gitHubParser;

    /** @param githubReleaseStack the stack GitHub releases deploy when the webhook URL names none (GITHUB_RELEASE_STACK) */
    public WebhookEndpoint(WebhookSecrets secrets, DeliveryReplayGuard replayGuard, JobStore jobs,
                           DeploymentLauncher launcher, DeploymentApprovals approvals, Optional<String> githubReleaseStack,
                           Clock clock) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verifier = new SignatureVerifier(clock);
        this.gitHubParser = new GitHubReleaseParser(githubReleaseStack);
    }

    public HttpResponse handle(HttpRequest request, String source) {
        if (request.bodyLength() > MAX_BODY_BYTES) {
            return HttpResponse.payloadTooLarge("body is " + request.bodyLength() + " bytes; the limit is "
                    + MAX_BODY_BYTES + " bytes");
        }
        if (source == null || !SOURCE.matcher(source).matches()) {
            return unknownSource(source);
        }
        boolean github = GITHUB.equals(source);
        List<String> current;
        switch (secrets.secretsFor(source)) {
            case SecretLookup.Found found -> current = found.secrets();
            case SecretLookup.UnknownSource unknown -> {
                return unknownSource(source);
            }
            case SecretLookup.Unavailable unavailable -> {
                LOG.warn("webhook secrets unavailable: source={} reason={} requestId={}",
                        source, unavailable.reason(), request.requestId());
                return HttpResponse.unavailable("webhook secrets are unavailable right now; retry the delivery");
            }
            case SecretLookup.Misconfigured misconfigured -> {
                LOG.error("webhook secrets misconfigured: source={} reason={} requestId={}",
                        source, misconfigured.reason(), request.requestId());
                return HttpResponse.internalError("webhook secrets are misconfigured; request id "
                        + request.requestId());
            }
        }

        byte[] body = request.body();
        String signatureHeader = github ? GITHUB_SIGNATURE_HEADER : SIGNATURE_HEADER;
        String signature = request.header(signatureHeader).orElse(null);
        SignatureCheck check = github
                ? verifier.verifyGitHub(signature, body, current)
                : verifier.verifyCaretaker(signature, body, current);
        Optional<String> refusal = refusal(check, signatureHeader);
        if (refusal.isPresent()) {
            LOG.warn("webhook refused: source={} check={} requestId={}",
                    source, check.getClass().getSimpleName(), request.requestId());
            return HttpResponse.unauthorized(refusal.get());
        }

        String deliveryHeader = github ? GITHUB_DELIVERY_HEADER : DELIVERY_HEADER;
        Optional<String> deliveryId = request.header(deliveryHeader).map(String::trim);
        if (deliveryId.isEmpty() || deliveryId.get().isEmpty()) {
            return HttpResponse.badRequest("missing delivery id header " + deliveryHeader);
        }
        if (!Delivery.isWellFormedId(deliveryId.get())) {
            return HttpResponse.badRequest("invalid delivery id header " + deliveryHeader
                    + ": 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        Delivery delivery = new Delivery(source, deliveryId.get());

        WebhookEvent event = github
                ? gitHubParser.parse(request.header(GitHubReleaseParser.EVENT_HEADER).orElse(null), body,
                        request.queryParameter("stack"))
                : caretakerParser.parse(body);
        return switch (event) {
            case WebhookEvent.Invalid invalid -> HttpResponse.badRequest(invalid.message());
            case WebhookEvent.Ping ping -> HttpResponse.json(200, Map.of("ok", true));
            case WebhookEvent.Ignored ignored -> HttpResponse.json(202, Map.of("ignored", ignored.event()));
            case WebhookEvent.Deploy deploy -> deploy(deploy.request(), delivery, request.requestId());
            case WebhookEvent.Approval approval -> approve(approval, delivery, request.requestId());
        };
    }

    private HttpResponse deploy(DeploymentRequest release, Delivery delivery, String requestId) {
        Instant now = clock.instant();
        if (replayGuard.isConsumed(delivery, now)) {
            return replayed(delivery, requestId);
        }
        CreateOutcome created = jobs.create(new JobRequest(JobType.DEPLOY, release.stack(),
                new JobTrigger.Webhook(delivery.source(), delivery.id())), now);
        Job job = created.job();
        // Only a QUEUED job can still lack its execution: a worker claims the job from inside the
        // running workflow, and a cancelled or finished job must not be started again.
        if (job.status() == JobStatus.QUEUED) {
            StartOutcome started = launcher.launch(new DeploymentStart(job.id(), release, delivery)).started();
            switch (started) {
                case StartOutcome.Started ok -> LOG.info("deployment started: job={} stack={} version={}",
                        job.id(), release.stack(), release.version());
                case StartOutcome.AlreadyStarted ok -> LOG.info("deployment already started: job={}", job.id());
                case StartOutcome.Unavailable unavailable -> {
                    LOG.warn("deployment start unavailable, delivery left unconsumed for a retry: job={} reason={} requestId={}",
                            job.id(), unavailable.reason(), requestId);
                    return HttpResponse.unavailable("the deployment workflow could not be started right now;"
                            + " retry the delivery (job " + job.id() + " is recorded)");
                }
                case StartOutcome.Failed failed -> {
                    LOG.error("deployment start failed: job={} reason={} requestId={}", job.id(), failed.reason(), requestId);
                    return HttpResponse.internalError("the deployment workflow could not be started; request id "
                            + requestId);
                }
            }
        }
        if (!replayGuard.markConsumed(delivery, job.id(), clock.instant())) {
            return replayed(delivery, requestId);
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("jobId", job.id());
        accepted.put("status", job.status().name());
        accepted.put("duplicate", created instanceof CreateOutcome.AlreadyExists);
        LOG.info("webhook accepted: source={} delivery={} job={} duplicate={}",
                delivery.source(), delivery.id(), job.id(), accepted.get("duplicate"));
        return HttpResponse.json(202, accepted);
    }

    /**
     * The delivery is consumed only when the decision is recorded and handed over (or found so): a
     * refused or interrupted one may be sent again, and repeating a decision changes nothing.
     */
    private HttpResponse approve(WebhookEvent.Approval approval, Delivery delivery, String requestId) {
        if (replayGuard.isConsumed(delivery, clock.instant())) {
            return replayed(delivery, requestId);
        }
        String by = approval.by() + " via webhook " + delivery.source();
        ControlOutcome outcome = approvals.decide(approval.deploymentId(), approval.decision().approve(), by,
                approval.decision().reason());
        if (outcome instanceof ControlOutcome.Done && !replayGuard.markConsumed(delivery, approval.deploymentId(), clock.instant())) {
            return replayed(delivery, requestId);
        }
        LOG.info("webhook approval: source={} delivery={} deployment={} outcome={}", delivery.source(), delivery.id(),
                approval.deploymentId(), outcome.getClass().getSimpleName());
        return ControlResponses.of(outcome);
    }

    private static HttpResponse replayed(Delivery delivery, String requestId) {
        LOG.warn("webhook replay refused: source={} delivery={} requestId={}", delivery.source(), delivery.id(), requestId);
        return HttpResponse.conflict("delivery " + delivery.id() + " was already processed");
    }

    private static HttpResponse unknownSource(String source) {
        return HttpResponse.notFound("unknown webhook source '" + ReleaseFieldRules.shorten(String.valueOf(source)) + "'");
    }

    private static Optional<String> refusal(SignatureCheck check, String header) {
        return switch (check) {
            case SignatureCheck.Valid valid -> Optional.empty();
            case SignatureCheck.Missing missing -> Optional.of("missing signature: header " + header + " is required");
            case SignatureCheck.Malformed malformed -> Optional.of("malformed signature header " + header);
            case SignatureCheck.Stale stale -> Optional.of("signature timestamp outside tolerance");
            case SignatureCheck.Mismatch mismatch -> Optional.of("signature mismatch");
        };
    }
}
