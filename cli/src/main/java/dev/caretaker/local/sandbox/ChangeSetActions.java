package dev.caretaker.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The sandbox CloudFormation's deployment actions: CreateChangeSet (changes computed from the
 * templates, and from the drift for a drift-aware change set), DescribeChangeSet (paged),
 * DeleteChangeSet, ExecuteChangeSet (starts a {@link StackOperation}), ContinueUpdateRollback and
 * GetTemplateSummary, with CloudFormation's idempotency tokens and its errors for the same mistakes.
 * Called under the stacks' lock.
 */
final class ChangeSetActions {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    private static final Set<String> UPDATABLE = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE",
            "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");
    private static final Set<String> TRIGGER_TYPES = Set.of("AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm");

    private final SandboxStacks stacks;
    private final Optional<Function<String, byte[]>> templateSource;

    ChangeSetActions(SandboxStacks stacks, Optional<Function<String, byte[]>> templateSource) {
        this.stacks = stacks;
        this.templateSource = templateSource;
    }

    QueryXml createChangeSet(QueryRequest request) {
        String stackName = request.required("StackName");
        String name = request.required("ChangeSetName");
        if (!NAME.matcher(name).matches()) {
            throw SandboxError.validation("1 validation error detected: Value '" + name + "' at 'changeSetName' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
        }
        String type = request.optional("ChangeSetType").orElse("UPDATE");
        if (!type.equals("CREATE") && !type.equals("UPDATE")) {
            throw SandboxError.validation("the Caretaker sandbox creates CREATE and UPDATE change sets, not " + type);
        }
        boolean revertDrift = revertDrift(request, type);
        Optional<String> clientToken = request.optional("ClientToken");
        Optional<LiveStack> existing = stacks.find(stackName);
        Optional<SandboxChangeSet> sameName = existing.flatMap(stack -> stacks.changeSetNamed(stack, name));
        if (sameName.isPresent()) {
            if (clientToken.isPresent() && clientToken.equals(sameName.get().clientToken)) {
                return created(sameName.get());
            }
            throw SandboxError.of("AlreadyExistsException", "ChangeSet [" + name + "] already exists");
        }
        if (type.equals("CREATE") && existing.isPresent() && !existing.get().status.equals("REVIEW_IN_PROGRESS")) {
            throw SandboxError.validation("Stack [" + stackName + "] already exists and cannot be created again with the changeSet ["
                    + name + "].");
        }
        if (type.equals("UPDATE")) {
            LiveStack stack = existing.orElseThrow(() -> SandboxError.validation("Stack [" + stackName + "] does not exist"));
            if (!UPDATABLE.contains(stack.status) || stack.operation != null) {
                throw SandboxError.validation("Stack:" + stack.id + " is in " + stack.status + " state and can not be updated.");
            }
        }
        SandboxTemplate template = request.optional("UsePreviousTemplate").filter("true"::equals).isPresent() && type.equals("UPDATE")
                ? existing.get().template
                : template(request, false);
        List<String> capabilities = request.list("Capabilities");
        template.capabilities().missingIam(capabilities).ifPresent(missing -> {
            throw SandboxError.of("InsufficientCapabilitiesException", "Requires capabilities : [" + missing + "]");
        });
        List<SandboxTemplate.GivenParameter> given = request.structures("Parameters").stream()
                .map(fields -> new SandboxTemplate.GivenParameter(fields.get("ParameterKey"), fields.getOrDefault("ParameterValue", ""),
                        "true".equals(fields.get("UsePreviousValue"))))
                .toList();
        Map<String, String> previous = type.equals("UPDATE") ? existing.get().parameters : Map.of();
        Map<String, String> parameters = template.resolveParameters(given, previous);
        Map<String, String> tags = new LinkedHashMap<>();
        request.structures("Tags").forEach(tag -> tags.put(tag.get("Key"), tag.getOrDefault("Value", "")));
        if (!request.hasAny("Tags") && type.equals("UPDATE")) {
            tags.putAll(existing.get().tags);
        }
        RollbackSettings rollback = request.hasAny("RollbackConfiguration") ? rollback(request)
                : existing.map(stack -> stack.rollback).orElse(RollbackSettings.NONE);

        LiveStack stack = existing.orElseGet(() -> stacks.create(stackName, null));
        SandboxChangeSet.Target target = new SandboxChangeSet.Target(template, parameters, tags, capabilities, rollback);
        List<ProposedChange> changes;
        boolean noChanges;
        if (type.equals("CREATE")) {
            changes = template.resources().values().stream().map(resource -> new ProposedChange(ProposedChange.Action.Add,
                    resource.logicalId(), null, resource.type(), null, List.of(), List.of())).toList();
            noChanges = false;
        } else {
            changes = TemplateDiff.changes(
                    new TemplateDiff.Side(stack.template, stacks.values(stack, stack.template, stack.parameters), stack.parameters),
                    new TemplateDiff.Side(template, stacks.values(stack, template, parameters), parameters),
                    stack.resources);
            noChanges = stack.template.document().equals(template.document()) && stack.parameters.equals(parameters)
                    && stack.tags.equals(tags);
            if (revertDrift) {
                changes = DriftRevert.changes(changes, template, stack.resources);
                noChanges = noChanges && changes.isEmpty();
            }
        }
        Optional<String> stackDrift = revertDrift ? Optional.of(DriftRevert.stackDriftStatus(stack.resources.values())) : Optional.empty();
        SandboxChangeSet changeSet = new SandboxChangeSet(stacks.changeSetId(stack.name, name), name, stack.name, stack.id, type,
                request.optional("Description"), clientToken, stacks.eventTime(), target, changes, noChanges, stackDrift,
                stacks.pacing().changeSetPolls());
        stacks.changeSets().put(changeSet.id, changeSet);
        return created(changeSet);
    }

    /**
     * Whether the request asks for a drift-aware change set (DeploymentMode=REVERT_DRIFT), refused
     * where AWS does not make one: an unknown mode (AWS's enum validation wording), and, in the
     * sandbox's own words, a CREATE change set (a new stack has nothing to revert), nested stacks
     * included and existing resources imported (AWS's CloudFormation language server leaves the mode
     * out in those cases: "nested stacks is not supported", "import is not supported").
     */
    private static boolean revertDrift(QueryRequest request, String type) {
        Optional<String> mode = request.optional("DeploymentMode");
        if (mode.isEmpty()) {
            return false;
        }
        if (!mode.get().equals(DriftRevert.MODE)) {
            throw SandboxError.validation("1 validation error detected: Value '" + mode.get() + "' at 'deploymentMode' failed to satisfy"
                    + " constraint: Member must satisfy enum value set: [" + DriftRevert.MODE + "]");
        }
        if (type.equals("CREATE")) {
            throw SandboxError.validation("DeploymentMode " + DriftRevert.MODE + " is for UPDATE change sets only: a stack being created"
                    + " has no drift to revert");
        }
        if (request.optional("IncludeNestedStacks").filter("true"::equalsIgnoreCase).isPresent()) {
            throw SandboxError.validation("DeploymentMode " + DriftRevert.MODE + " cannot be combined with IncludeNestedStacks: drift-aware"
                    + " change sets do not cover nested stacks; create one for each nested stack instead");
        }
        if (request.optional("ImportExistingResources").filter("true"::equalsIgnoreCase).isPresent()) {
            throw SandboxError.validation("DeploymentMode " + DriftRevert.MODE + " cannot be combined with ImportExistingResources");
        }
        return true;
    }

    private static QueryXml created(SandboxChangeSet changeSet) {
        return new QueryXml().element("Id", changeSet.id).element("StackId", changeSet.stackId);
    }

    private static RollbackSettings rollback(QueryRequest request) {
        List<String> arns = new ArrayList<>();
        for (Map<String, String> trigger : request.structures("RollbackConfiguration.RollbackTriggers")) {
            if (!TRIGGER_TYPES.contains(trigger.get("Type"))) {
                throw SandboxError.validation("Rollback trigger type " + trigger.get("Type") + " is not supported: " + TRIGGER_TYPES);
            }
            arns.add(trigger.get("Arn"));
        }
        if (arns.size() > 5) {
            throw SandboxError.validation("1 validation error detected: Value at 'rollbackConfiguration.rollbackTriggers' failed to"
                    + " satisfy constraint: Member must have length less than or equal to 5");
        }
        int minutes = request.integer("RollbackConfiguration.MonitoringTimeInMinutes", 0);
        if (minutes < 0 || minutes > 180) {
            throw SandboxError.validation("1 validation error detected: Value '" + minutes + "' at"
                    + " 'rollbackConfiguration.monitoringTimeInMinutes' failed to satisfy constraint: Member must have value between 0 and 180");
        }
        return new RollbackSettings(arns, minutes);
    }

    QueryXml describeChangeSet(QueryRequest request) {
        SandboxChangeSet changeSet = changeSet(request);
        Optional<String> nextToken = request.optional("NextToken");
        String status = nextToken.isPresent() ? changeSet.status() : changeSet.poll();
        boolean pending = status.startsWith("CREATE_PENDING") || status.equals("CREATE_IN_PROGRESS");
        QueryXml result = new QueryXml()
                .element("ChangeSetName", changeSet.name)
                .element("ChangeSetId", changeSet.id)
                .element("StackId", changeSet.stackId)
                .element("StackName", changeSet.stackName)
                .element("Description", changeSet.description.orElse(null));
        result.open("Parameters");
        changeSet.target.parameters().forEach((key, value) -> result.open("member").element("ParameterKey", key)
                .element("ParameterValue", changeSet.target.template().noEcho(key) ? "****" : value).close("member"));
        result.close("Parameters")
                .element("CreationTime", changeSet.creationTime.toString())
                .element("ExecutionStatus", pending ? "UNAVAILABLE" : changeSet.executionStatus)
                .element("Status", status)
                .element("StatusReason", changeSet.statusReason().orElse(null))
                .element("StackDriftStatus", changeSet.stackDriftStatus.orElse(null));
        CloudFormationSandbox.rollbackConfiguration(result, changeSet.target.rollback());
        result.open("Capabilities");
        changeSet.target.capabilities().forEach(capability -> result.element("member", capability));
        result.close("Capabilities").open("Tags");
        changeSet.target.tags().forEach((key, value) -> result.open("member").element("Key", key).element("Value", value).close("member"));
        result.close("Tags");
        List<ProposedChange> changes = pending || changeSet.noChanges ? List.of() : changeSet.changes;
        int from = nextToken.map(token -> offset(token, changeSet.id)).orElse(0);
        int to = Math.min(changes.size(), from + stacks.pacing().changeSetPageSize());
        result.open("Changes");
        boolean propertyValues = request.optional("IncludePropertyValues").filter("true"::equalsIgnoreCase).isPresent();
        for (ProposedChange change : changes.subList(Math.min(from, changes.size()), to)) {
            change(result, change, propertyValues, changeSet.creationTime);
        }
        result.close("Changes");
        if (to < changes.size()) {
            result.element("NextToken", token(changeSet.id, to));
        }
        return result.element("IncludeNestedStacks", "false").element("DeploymentMode", changeSet.deploymentMode.orElse(null));
    }

    /**
     * One change. A reverted drifted property's target also says where its values come from (before:
     * the actual state, after: the template), its drift (PreviousValue, ActualValue, when read: the
     * change set's creation) and its AttributeChangeType; BeforeValue and AfterValue only when asked
     * for with IncludePropertyValues, as AWS gives them.
     */
    private static void change(QueryXml result, ProposedChange change, boolean propertyValues, Instant readAt) {
        result.open("member").element("Type", "Resource").open("ResourceChange")
                .element("Action", change.action().name())
                .element("LogicalResourceId", change.logicalId())
                .element("PhysicalResourceId", change.physicalId())
                .element("ResourceType", change.resourceType())
                .element("Replacement", change.replacement())
                .element("ResourceDriftStatus", change.resourceDriftStatus())
                .open("Scope");
        change.scope().forEach(scope -> result.element("member", scope));
        result.close("Scope").open("Details");
        for (ProposedChange.Detail detail : change.details()) {
            result.open("member").open("Target")
                    .element("Attribute", detail.attribute())
                    .element("Name", detail.name())
                    .element("RequiresRecreation", detail.requiresRecreation());
            ProposedChange.RevertedDrift drift = detail.revertedDrift();
            if (drift != null) {
                result.element("Path", drift.path())
                        .element("BeforeValue", propertyValues ? drift.actualValue() : null)
                        .element("AfterValue", propertyValues ? drift.templateValue() : null)
                        .element("BeforeValueFrom", "ACTUAL_STATE")
                        .element("AfterValueFrom", "TEMPLATE")
                        .open("Drift")
                        .element("PreviousValue", drift.templateValue())
                        .element("ActualValue", drift.actualValue())
                        .element("DriftDetectionTimestamp", readAt.toString())
                        .close("Drift")
                        .element("AttributeChangeType", drift.attributeChangeType());
            }
            result.close("Target")
                    .element("Evaluation", detail.evaluation())
                    .element("ChangeSource", detail.changeSource())
                    .element("CausingEntity", detail.causingEntity())
                    .close("member");
        }
        result.close("Details").close("ResourceChange").close("member");
    }

    QueryXml deleteChangeSet(QueryRequest request) {
        SandboxChangeSet changeSet = changeSet(request);
        if (changeSet.executionStatus.equals("EXECUTE_IN_PROGRESS")) {
            throw SandboxError.of("InvalidChangeSetStatus", "Cannot delete ChangeSet [" + changeSet.id + "] in its current status of ["
                    + changeSet.executionStatus + "]");
        }
        stacks.changeSets().remove(changeSet.id);
        return new QueryXml();
    }

    QueryXml executeChangeSet(QueryRequest request) {
        SandboxChangeSet changeSet = changeSet(request);
        Optional<String> token = request.optional("ClientRequestToken");
        if (changeSet.executeToken.isPresent() || !changeSet.executionStatus.equals("AVAILABLE")) {
            if (token.isPresent() && token.equals(changeSet.executeToken)) {
                return new QueryXml();
            }
            String current = changeSet.status().equals("CREATE_COMPLETE") || changeSet.status().equals("FAILED")
                    ? changeSet.executionStatus : "UNAVAILABLE";
            throw SandboxError.of("InvalidChangeSetStatus", "ChangeSet [" + changeSet.id + "] cannot be executed in its current status of ["
                    + current + "]");
        }
        LiveStack stack = stacks.get(changeSet.stackId);
        if (stack.operation != null || stack.inProgress()) {
            throw SandboxError.validation("Stack:" + stack.id + " is in " + stack.status + " state and can not be updated.");
        }
        changeSet.executeToken = token;
        SandboxTemplate template = changeSet.target.template();
        stack.operation = StackOperation.execute(stack, changeSet, stacks.values(stack, template, changeSet.target.parameters()),
                stacks.armedFault(stack.name, template), token.orElse(null), stacks);
        // CloudFormation deletes a stack's other change sets once one is executed.
        stacks.changeSets().values().removeIf(other -> other != changeSet && other.stackId.equals(stack.id));
        return new QueryXml();
    }

    QueryXml continueUpdateRollback(QueryRequest request) {
        LiveStack stack = stacks.get(request.required("StackName"));
        Optional<String> token = request.optional("ClientRequestToken");
        if (token.isPresent() && stack.continueTokens.contains(token.get())) {
            return new QueryXml();
        }
        if (!stack.status.equals("UPDATE_ROLLBACK_FAILED") || stack.operation == null || !stack.operation.suspended()) {
            throw SandboxError.validation("Stack " + stack.name + " is in " + stack.status + " state and can not continue update rollback");
        }
        List<String> skip = request.list("ResourcesToSkip");
        Set<String> notFailed = new LinkedHashSet<>(skip);
        notFailed.removeAll(stack.operation.failedRollbacks());
        if (!notFailed.isEmpty()) {
            throw SandboxError.validation("Resources " + notFailed.stream().toList() + " cannot be skipped: only resources whose rollback"
                    + " failed (UPDATE_FAILED) can be skipped, here " + stack.operation.failedRollbacks().stream().sorted().toList());
        }
        token.ifPresent(stack.continueTokens::add);
        stack.operation.continueRollback(skip, token.orElse(null));
        return new QueryXml();
    }

    QueryXml templateSummary(QueryRequest request) {
        SandboxTemplate template;
        if (request.optional("StackName").isPresent() && !request.hasAny("Template")) {
            LiveStack stack = stacks.get(request.required("StackName"));
            if (stack.template == null) {
                throw SandboxError.validation("Stack " + stack.name + " is in " + stack.status + " state and has no template yet");
            }
            template = stack.template;
        } else {
            template = template(request, true);
        }
        QueryXml result = new QueryXml().open("Parameters");
        template.parameters().forEach((key, declaration) -> {
            result.open("member")
                    .element("ParameterKey", key)
                    .element("DefaultValue", declaration.containsKey("Default") ? String.valueOf(declaration.get("Default")) : null)
                    .element("ParameterType", String.valueOf(declaration.getOrDefault("Type", "String")))
                    .element("NoEcho", Boolean.toString(template.noEcho(key)))
                    .element("Description", declaration.get("Description") instanceof String description ? description : null)
                    .open("ParameterConstraints");
            if (declaration.get("AllowedValues") instanceof List<?> allowed) {
                result.open("AllowedValues");
                allowed.forEach(value -> result.element("member", String.valueOf(value)));
                result.close("AllowedValues");
            }
            result.close("ParameterConstraints").close("member");
        });
        result.close("Parameters").element("Description", template.description().orElse(null));
        SandboxTemplate.Capabilities capabilities = template.capabilities();
        result.open("Capabilities");
        capabilities.required().forEach(capability -> result.element("member", capability));
        result.close("Capabilities").element("CapabilitiesReason", capabilities.reason()).open("ResourceTypes");
        template.resources().values().stream().map(resource -> resource.type()).distinct().forEach(type -> result.element("member", type));
        result.close("ResourceTypes")
                .element("Version", String.valueOf(template.document().getOrDefault("AWSTemplateFormatVersion", "2010-09-09")))
                .element("Metadata", template.metadataJson().orElse(null))
                .open("DeclaredTransforms");
        template.transforms().forEach(transform -> result.element("member", transform));
        return result.close("DeclaredTransforms");
    }

    /** The template a request gives as TemplateBody or TemplateURL (fetched through the template source). */
    private SandboxTemplate template(QueryRequest request, boolean stackNameAllowed) {
        Optional<String> body = request.optional("TemplateBody");
        Optional<String> url = request.optional("TemplateURL");
        if (body.isPresent() == url.isPresent()) {
            throw SandboxError.validation(body.isPresent() ? "Specify exactly one of TemplateBody and TemplateURL"
                    : stackNameAllowed ? "Either Template URL or Template Body or StackName must be specified."
                    : "Either Template URL or Template Body must be specified.");
        }
        if (body.isPresent()) {
            return SandboxTemplate.parse(body.get());
        }
        Function<String, byte[]> source = templateSource.orElseThrow(() -> SandboxError.validation("TemplateURL " + url.get()
                + " cannot be read: this Caretaker sandbox has no template source (local S3) wired; send TemplateBody instead"));
        byte[] bytes;
        try {
            bytes = source.apply(url.get());
        } catch (RuntimeException e) {
            throw SandboxError.validation("TemplateURL " + url.get() + " could not be read: " + e.getMessage());
        }
        return SandboxTemplate.parse(new String(bytes, StandardCharsets.UTF_8));
    }

    private SandboxChangeSet changeSet(QueryRequest request) {
        return stacks.changeSet(request.required("ChangeSetName"), request.optional("StackName"));
    }

    private static String token(String id, int offset) {
        return Base64.getEncoder().encodeToString((id + "|" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token, String id) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(id + "|")) {
                return Integer.parseInt(decoded.substring(id.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // Not a token this sandbox issued: refused below.
        }
        throw SandboxError.validation("Invalid NextToken");
    }
}
