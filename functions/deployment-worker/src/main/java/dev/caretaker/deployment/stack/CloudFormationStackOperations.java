package dev.caretaker.deployment.stack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DeploymentMode;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateSummaryResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ParameterDeclaration;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.RollbackConfiguration;
import software.amazon.awssdk.services.cloudformation.model.RollbackTrigger;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * {@link StackOperations} on CloudFormation. Translates between the SDK and plain records, retries
 * throttling with jitter, and reads every page of paginated answers.
 */
public final class CloudFormationStackOperations implements StackOperations {

    // How CloudFormation says a change set proposes nothing: a FAILED change set with one of these reasons.
    private static final List<String> NO_CHANGES_REASONS = List.of("didn't contain changes", "No updates are to be performed");

    private final CloudFormationClient cloudFormation;
    private final CloudFormationThrottlingRetry retry;

    public CloudFormationStackOperations(CloudFormationClient cloudFormation, CloudFormationThrottlingRetry retry) {
        this.cloudFormation = Objects.requireNonNull(cloudFormation, "cloudFormation");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    @Override
    public Optional<StackDescription> describeStack(String stackName) {
        Stack stack;
        try {
            stack = retry.call(() -> cloudFormation.describeStacks(request -> request.stackName(stackName)).stacks().get(0));
        } catch (CloudFormationException e) {
            // DescribeStacks answers a missing stack with a ValidationError, not an empty list.
            if ("ValidationError".equals(errorCode(e)) && String.valueOf(errorMessage(e)).contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        stack.parameters().forEach(p -> parameters.put(p.parameterKey(), p.parameterValue() == null ? "" : p.parameterValue()));
        Map<String, String> outputs = new LinkedHashMap<>();
        stack.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue() == null ? "" : o.outputValue()));
        Map<String, String> tags = new LinkedHashMap<>();
        stack.tags().forEach(t -> tags.put(t.key(), t.value()));
        return Optional.of(new StackDescription(stack.stackName(), stack.stackId(), stack.stackStatusAsString(),
                stack.stackStatusReason(), parameters, outputs, tags, stack.capabilitiesAsStrings()));
    }

    @Override
    public CreatedChangeSet createChangeSet(ChangeSetRequest request) {
        // A stack that exists only as an unexecuted CREATE change set (REVIEW_IN_PROGRESS) still takes CREATE.
        ChangeSetType type = describeStack(request.stackName())
                .filter(stack -> !"REVIEW_IN_PROGRESS".equals(stack.status()))
                .map(stack -> ChangeSetType.UPDATE).orElse(ChangeSetType.CREATE);
        String name = DeploymentTokens.changeSetName(request.operationId());
        try {
            CreateChangeSetResponse created = retry.call(() -> cloudFormation.createChangeSet(builder -> builder
                    .stackName(request.stackName())
                    .changeSetName(name)
                    .changeSetType(type.name())
                    .clientToken(DeploymentTokens.createToken(request.operationId()))
                    .applyMutation(b -> withTemplate(request.template(), b::templateBody, b::templateURL))
                    .roleARN(request.roleArn())
                    .parameters(parameters(request))
                    .tags(request.tags().entrySet().stream()
                            .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList())
                    .capabilities(request.capabilities().stream().map(Capability::fromValue).toList())
                    .rollbackConfiguration(rollbackConfiguration(request.rollbackTriggers()))
                    .description("Caretaker deployment " + request.operationId())
                    .deploymentMode(request.revertDrift() ? DeploymentMode.REVERT_DRIFT : null)));
            return new CreatedChangeSet(created.id(), name, created.stackId(), type);
        } catch (AlreadyExistsException madeByAnEarlierTry) {
            // The step ran before (its answer was lost): the change set with this deployment's name is ours.
            DescribeChangeSetResponse existing = retry.call(() -> cloudFormation.describeChangeSet(builder -> builder
                    .stackName(request.stackName()).changeSetName(name)));
            return new CreatedChangeSet(existing.changeSetId(), name, existing.stackId(), type);
        }
    }

    private static List<Parameter> parameters(ChangeSetRequest request) {
        List<Parameter> parameters = new ArrayList<>();
        request.parameters().forEach((key, value) -> parameters.add(Parameter.builder().parameterKey(key).parameterValue(value).build()));
        request.keepParameters().stream().sorted()
                .forEach(key -> parameters.add(Parameter.builder().parameterKey(key).usePreviousValue(true).build()));
        return parameters;
    }

    private static RollbackConfiguration rollbackConfiguration(RollbackTriggers triggers) {
        return RollbackConfiguration.builder()
                .rollbackTriggers(triggers.alarmArns().stream()
                        .map(arn -> RollbackTrigger.builder().arn(arn).type("AWS::CloudWatch::Alarm").build()).toList())
                .monitoringTimeInMinutes(triggers.monitoringMinutes())
                .build();
    }

    @Override
    public ChangeSet describeChangeSet(String stackName, String changeSetName) {
        List<ResourceChange> changes = new ArrayList<>();
        DescribeChangeSetResponse first = null;
        String nextToken = null;
        do {
            String token = nextToken;
            DescribeChangeSetResponse page = retry.call(() -> cloudFormation.describeChangeSet(builder -> builder
                    .stackName(stackName).changeSetName(changeSetName).nextToken(token)));
            if (first == null) {
                first = page;
            }
            for (Change change : page.changes()) {
                if (change.resourceChange() != null) {
                    changes.add(resourceChange(change.resourceChange()));
                }
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return new ChangeSet(first.changeSetId(), first.changeSetName(), first.stackName(),
                status(first.statusAsString(), first.statusReason()), first.statusReason(), first.executionStatusAsString(), changes);
    }

    private static ChangeSetStatus status(String status, String reason) {
        return switch (String.valueOf(status)) {
            case "CREATE_PENDING", "CREATE_IN_PROGRESS" -> ChangeSetStatus.PENDING;
            case "CREATE_COMPLETE" -> ChangeSetStatus.READY;
            default -> reason != null && NO_CHANGES_REASONS.stream().anyMatch(reason::contains)
                    ? ChangeSetStatus.NO_CHANGES : ChangeSetStatus.FAILED;
        };
    }

    private static ResourceChange resourceChange(software.amazon.awssdk.services.cloudformation.model.ResourceChange change) {
        List<ChangeDetail> details = new ArrayList<>();
        for (ResourceChangeDetail detail : change.details()) {
            details.add(new ChangeDetail(
                    detail.target() == null ? null : detail.target().attributeAsString(),
                    detail.target() == null ? null : detail.target().name(),
                    detail.target() == null ? null : detail.target().requiresRecreationAsString(),
                    detail.changeSourceAsString(), detail.evaluationAsString()));
        }
        return new ResourceChange(ChangeAction.of(change.actionAsString()), change.logicalResourceId(),
                change.physicalResourceId(), change.resourceType(), Replacement.of(change.replacementAsString()),
                change.scopeAsStrings(), details);
    }

    @Override
    public void executeChangeSet(String stackName, String changeSetName, String operationId) {
        retry.run(() -> cloudFormation.executeChangeSet(builder -> builder.stackName(stackName).changeSetName(changeSetName)
                .clientRequestToken(DeploymentTokens.executeToken(operationId))));
    }

    @Override
    public void deleteChangeSet(String stackName, String changeSetName) {
        try {
            retry.run(() -> cloudFormation.deleteChangeSet(builder -> builder.stackName(stackName).changeSetName(changeSetName)));
        } catch (ChangeSetNotFoundException alreadyGone) {
            // Deleted by an earlier try, or with its stack: what was asked for is true.
        }
    }

    @Override
    public List<StackEvent> stackEventsSince(String stackName, Instant since) {
        List<StackEvent> newestFirst = new ArrayList<>();
        String nextToken = null;
        pages:
        do {
            String token = nextToken;
            DescribeStackEventsResponse page = retry.call(() -> cloudFormation.describeStackEvents(builder -> builder
                    .stackName(stackName).nextToken(token)));
            for (var event : page.stackEvents()) {
                // Events come newest first: the first one before the deployment ends the reading, older pages are history.
                if (event.timestamp().isBefore(since)) {
                    break pages;
                }
                newestFirst.add(new StackEvent(event.eventId(), event.timestamp(), event.logicalResourceId(),
                        event.physicalResourceId(), event.resourceType(), event.resourceStatusAsString(),
                        event.resourceStatusReason(), event.clientRequestToken()));
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public void continueUpdateRollback(String stackName, List<String> resourcesToSkip, String operationId, int attempt) {
        retry.run(() -> cloudFormation.continueUpdateRollback(builder -> builder.stackName(stackName)
                .resourcesToSkip(resourcesToSkip)
                .clientRequestToken(DeploymentTokens.continueRollbackToken(operationId, attempt))));
    }

    @Override
    public String currentTemplate(String stackName) {
        // Original: the template as submitted, before transforms (what a new change set takes back).
        return retry.call(() -> cloudFormation.getTemplate(builder -> builder.stackName(stackName).templateStage("Original"))
                .templateBody());
    }

    @Override
    public TemplateSummary templateSummary(TemplateSource template) {
        GetTemplateSummaryResponse summary = retry.call(() -> cloudFormation.getTemplateSummary(builder ->
                withTemplate(template, builder::templateBody, builder::templateURL)));
        List<DeclaredParameter> parameters = new ArrayList<>();
        for (ParameterDeclaration declared : summary.parameters()) {
            parameters.add(new DeclaredParameter(declared.parameterKey(), declared.parameterType(), declared.defaultValue(),
                    Boolean.TRUE.equals(declared.noEcho()), declared.description(),
                    declared.parameterConstraints() == null ? List.of() : declared.parameterConstraints().allowedValues()));
        }
        return new TemplateSummary(parameters, summary.capabilitiesAsStrings(), summary.capabilitiesReason(),
                summary.resourceTypes(), summary.metadata());
    }

    private static void withTemplate(TemplateSource template, Consumer<String> body, Consumer<String> url) {
        switch (template) {
            case TemplateSource.Body inline -> body.accept(inline.text());
            case TemplateSource.Url location -> url.accept(location.url());
        }
    }

    private static String errorCode(CloudFormationException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static String errorMessage(CloudFormationException e) {
        return e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    }
}
