package dev.caretaker.orchestrator.deployments;

import dev.caretaker.deployments.ApprovalDecision;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.deployments.DeploymentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's answer to a deployment waiting for approval, from the API or a signed webhook.
 *
 * <p>The decision is recorded first (only while the record is AWAITING_APPROVAL and holds no
 * decision), then handed to the waiting workflow step through its task token. So the first decision
 * wins, a repeat of the same decision finishes what an interrupted attempt began (it re-sends the
 * token answer while the record still waits), and a different decision afterwards is refused.
 * Step Functions answering TaskTimedOut or InvalidToken for a token that was already answered is
 * therefore no failure: the record holds the decision.
 *
 * <p>The task token is a credential for the waiting step: it never appears in an answer or a log line.
 */
public final class DeploymentApprovals {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentApprovals.class);

    private final DeploymentStore store;
    private final WorkflowControl workflow;
    private final Clock clock;

    public DeploymentApprovals(DeploymentStore store, WorkflowControl workflow, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.workflow = Objects.requireNonNull(workflow, "workflow");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param approve true to approve, false to reject
     * @param by      who decides, as it will be recorded
     * @param reason  why; required by the callers for a rejection, optional for an approval
     */
    public ControlOutcome decide(String deploymentId, boolean approve, String by, String reason) {
        Objects.requireNonNull(by, "by");
        Optional<Deployment> found = store.find(deploymentId);
        if (found.isEmpty()) {
            return new ControlOutcome.NotFound("no deployment " + deploymentId);
        }
        Deployment current = found.get();
        Optional<ControlOutcome> refusal = refusal(current, approve);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (current.approval() == null) {
            if (current.approvalToken() == null) {
                // The approval step sets the status and stores its token; one without the other is a step in progress.
                return new ControlOutcome.Unavailable("deployment " + deploymentId
                        + " is still preparing its approval request; retry in a few seconds");
            }
            Instant now = clock.instant();
            ApprovalDecision decision = new ApprovalDecision(approve, by, reason, now);
            current = store.update(deploymentId, record -> canRecord(record) ? record.withApproval(decision, now) : record);
            // Another decision, a timeout or a cancellation may have come first: judge what is stored now.
            refusal = refusal(current, approve);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            LOG.info("approval recorded: deployment={} decision={} by={}", deploymentId, decision.decision(), by);
        }
        return handOver(current);
    }

    /** Sends the recorded decision to the waiting step, while the record says the step still waits. */
    private ControlOutcome handOver(Deployment recorded) {
        Deployment answered = recorded;
        if (recorded.status() == DeploymentStatus.AWAITING_APPROVAL && recorded.approvalToken() != null) {
            WorkflowControl.Answer answer = workflow.answerApproval(recorded.approvalToken(), recorded.approval());
            switch (answer) {
                case WorkflowControl.Answer.Done done -> LOG.info("approval handed to the workflow: deployment={} decision={}",
                        recorded.id(), recorded.approval().decision());
                case WorkflowControl.Answer.Gone gone -> {
                    LOG.info("approval step already answered: deployment={} code={}", recorded.id(), gone.code());
                    answered = store.find(recorded.id()).orElse(recorded);
                }
                case WorkflowControl.Answer.Unavailable unavailable -> {
                    LOG.warn("approval recorded but not handed over: deployment={} reason={}", recorded.id(), unavailable.reason());
                    return new ControlOutcome.Unavailable("the decision on deployment " + recorded.id() + " is recorded but"
                            + " the workflow could not be told right now; send the same decision again");
                }
                case WorkflowControl.Answer.Failed failed -> {
                    LOG.error("approval recorded but the workflow refused it: deployment={} reason={}", recorded.id(), failed.reason());
                    return new ControlOutcome.Failed("the decision on deployment " + recorded.id()
                            + " is recorded but the workflow could not be told");
                }
            }
        }
        return new ControlOutcome.Done(body(answered));
    }

    private static Optional<ControlOutcome> refusal(Deployment deployment, boolean approve) {
        ApprovalDecision recorded = deployment.approval();
        if (recorded != null) {
            if (recorded.approved() != approve) {
                return Optional.of(new ControlOutcome.Conflict("deployment " + deployment.id() + " was already "
                        + (recorded.approved() ? "approved" : "rejected") + " by " + recorded.by()
                        + "; a decision cannot be changed" + (recorded.approved() ? " (cancel it instead while it has not started executing)" : "")));
            }
            return Optional.empty();
        }
        if (deployment.status().isTerminal()) {
            return Optional.of(new ControlOutcome.Conflict("deployment " + deployment.id() + " already ended: "
                    + deployment.status() + (deployment.reason() == null ? "" : " (" + deployment.reason() + ")")));
        }
        if (deployment.status() != DeploymentStatus.AWAITING_APPROVAL) {
            return Optional.of(new ControlOutcome.Conflict("deployment " + deployment.id() + " is not awaiting approval; it is "
                    + deployment.status()));
        }
        return Optional.empty();
    }

    private static boolean canRecord(Deployment record) {
        return record.status() == DeploymentStatus.AWAITING_APPROVAL && record.approval() == null;
    }

    static Map<String, Object> body(Deployment deployment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deploymentId", deployment.id());
        body.put("decision", deployment.approval().decision());
        body.put("by", deployment.approval().by());
        body.put("status", deployment.status().name());
        return body;
    }
}
