package dev.caretaker.deployment.stack;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the CloudFormation operations a deployment makes. Every call that changes something takes
 * the deployment id and derives its idempotency token from it ({@link DeploymentTokens}), so a
 * step retried by Step Functions repeats nothing.
 */
public interface StackOperations {

    Optional<StackDescription> describeStack(String stackName);

    /** Creates the deployment's change set: CREATE when the stack does not exist yet, UPDATE otherwise. */
    CreatedChangeSet createChangeSet(ChangeSetRequest request);

    /** The change set with all its changes, every page read. */
    ChangeSet describeChangeSet(String stackName, String changeSetName);

    /** Executes the operation's change set with the operation's ClientRequestToken. */
    void executeChangeSet(String stackName, String changeSetName, String operationId);

    /** Removes a change set that will not run; one that is already gone is not an error. */
    void deleteChangeSet(String stackName, String changeSetName);

    /** The stack's events at or after {@code since}, oldest first. */
    List<StackEvent> stackEventsSince(String stackName, Instant since);

    /**
     * Resumes a rollback stuck in UPDATE_ROLLBACK_FAILED, skipping the given resources (only those
     * whose rollback failed). {@code attempt} counts recoveries within one deployment, each its own token.
     */
    void continueUpdateRollback(String stackName, List<String> resourcesToSkip, String operationId, int attempt);

    TemplateSummary templateSummary(TemplateSource template);

    /** The template the stack runs now, as it was submitted: what a change back to it proposes. */
    String currentTemplate(String stackName);
}
