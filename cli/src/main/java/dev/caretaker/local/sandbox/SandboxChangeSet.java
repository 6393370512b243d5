package dev.caretaker.local.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change set: what it proposes ({@link Target}), the changes computed from the templates (and,
 * for a drift-aware one, from the drift: {@link DriftRevert}), and where it is in its life
 * (Status, ExecutionStatus). Mutated only under the CloudFormation sandbox's lock.
 */
final class SandboxChangeSet {

    final String id;
    final String name;
    final String stackName;
    final String stackId;
    final String type;
    final Optional<String> description;
    final Optional<String> clientToken;
    final Instant creationTime;
    final Target target;
    final List<ProposedChange> changes;
    final boolean noChanges;
    /** REVERT_DRIFT for a drift-aware change set. */
    final Optional<String> deploymentMode;
    /** For a drift-aware change set, the stack's drift when the change set was created (DRIFTED or IN_SYNC). */
    final Optional<String> stackDriftStatus;
    private int pollsLeft;
    private final int polls;
    String executionStatus = "UNAVAILABLE";
    Optional<String> executeToken = Optional.empty();

    SandboxChangeSet(String id, String name, String stackName, String stackId, String type, Optional<String> description,
                     Optional<String> clientToken, Instant creationTime, Target target, List<ProposedChange> changes,
                     boolean noChanges, Optional<String> driftAwareStackStatus, int polls) {
        this.id = id;
        this.name = name;
        this.stackName = stackName;
        this.stackId = stackId;
        this.type = type;
        this.description = description;
        this.clientToken = clientToken;
        this.creationTime = creationTime;
        this.target = target;
        this.changes = List.copyOf(changes);
        this.noChanges = noChanges;
        // Only a drift-aware change set (REVERT_DRIFT) reads the stack's drift, so only it has a drift status.
        this.stackDriftStatus = driftAwareStackStatus;
        this.deploymentMode = driftAwareStackStatus.map(status -> DriftRevert.MODE);
        this.polls = polls;
        this.pollsLeft = polls;
        if (polls == 0) {
            settle();
        }
    }

    /** What the change set proposes the stack run. */
    record Target(SandboxTemplate template, Map<String, String> parameters, Map<String, String> tags, List<String> capabilities,
                  RollbackSettings rollback) {
        Target {
            // In order: DescribeChangeSet and DescribeStacks list parameters and tags as the template and request gave them.
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
            capabilities = List.copyOf(capabilities);
        }
    }

    /** Whether executing it also reverts the drift of the resources it changes. */
    boolean revertsDrift() {
        return deploymentMode.isPresent();
    }

    /** Status as of this describe: pending for the scripted number of calls, then final. */
    String poll() {
        if (pollsLeft > 0) {
            String status = pollsLeft == polls ? "CREATE_PENDING" : "CREATE_IN_PROGRESS";
            if (--pollsLeft == 0) {
                settle();
            }
            return status;
        }
        return status();
    }

    String status() {
        if (pollsLeft > 0) {
            return pollsLeft == polls ? "CREATE_PENDING" : "CREATE_IN_PROGRESS";
        }
        return noChanges ? "FAILED" : "CREATE_COMPLETE";
    }

    Optional<String> statusReason() {
        return pollsLeft == 0 && noChanges ? Optional.of(NO_CHANGES) : Optional.empty();
    }

    private void settle() {
        if (!noChanges) {
            executionStatus = "AVAILABLE";
        }
    }

    /** CloudFormation's words for a change set that proposes nothing. */
    static final String NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";
}
