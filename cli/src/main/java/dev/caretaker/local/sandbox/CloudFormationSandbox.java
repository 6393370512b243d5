package dev.caretaker.local.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The sandbox's CloudFormation over the query protocol: stacks (DescribeStacks, DescribeStackEvents,
 * GetTemplate), drift (DetectStackDrift, DescribeStackDriftDetectionStatus, DescribeStackResourceDrifts,
 * DetectStackResourceDrift), deployments ({@link ChangeSetActions}) and DeleteStack. Drift results exist only
 * after a detection completes, as in AWS. A stack's operation advances when the stack is looked at
 * (DescribeStacks naming it, or the first page of its DescribeStackEvents). Other actions are
 * refused with an error naming them.
 */
final class CloudFormationSandbox {

    static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final int DEFAULT_PAGE = 100;
    private static final String SANDBOX_DESCRIPTION = "Caretaker sandbox stack: exists only in the local runtime, not in AWS";

    private final SandboxStacks stacks;
    private final ChangeSetActions changeSets;
    private final GetTemplateAction templates;
    private final Clock clock;
    private final int detectionPolls;
    private final Map<String, Detection> detections = new HashMap<>();
    private final Map<String, Detection> latestCompleted = new HashMap<>();

    CloudFormationSandbox(SandboxStacks stacks, int detectionPolls, Clock clock, Optional<Function<String, byte[]>> templateSource) {
        this.stacks = stacks;
        this.detectionPolls = detectionPolls;
        this.clock = clock;
        this.changeSets = new ChangeSetActions(stacks, templateSource);
        this.templates = new GetTemplateAction(stacks);
    }

    SandboxResponse handle(String action, Map<String, String> parameters) {
        QueryRequest request = new QueryRequest(parameters);
        synchronized (stacks) {
            try {
                QueryXml result = switch (action) {
                    case "DescribeStacks" -> describeStacks(request);
                    case "DescribeStackEvents" -> describeStackEvents(request);
                    case "CreateChangeSet" -> changeSets.createChangeSet(request);
                    case "DescribeChangeSet" -> changeSets.describeChangeSet(request);
                    case "DeleteChangeSet" -> changeSets.deleteChangeSet(request);
                    case "ExecuteChangeSet" -> changeSets.executeChangeSet(request);
                    case "ContinueUpdateRollback" -> changeSets.continueUpdateRollback(request);
                    case "GetTemplateSummary" -> changeSets.templateSummary(request);
                    case "GetTemplate" -> templates.getTemplate(request);
                    case "DeleteStack" -> deleteStack(request);
                    case "DetectStackDrift" -> detectStackDrift(request);
                    case "DescribeStackDriftDetectionStatus" -> describeDetection(request);
                    case "DescribeStackResourceDrifts" -> describeResourceDrifts(request);
                    case "DetectStackResourceDrift" -> detectResourceDrift(request);
                    default -> throw SandboxError.of("InvalidAction", "the Caretaker sandbox does not implement CloudFormation " + action);
                };
                return SandboxResponse.xml(200, QueryXml.response(action, NAMESPACE, result));
            } catch (SandboxError e) {
                return e.xml(NAMESPACE);
            } catch (RuntimeException e) {
                // A fault of the sandbox itself: answered, so the client sees it instead of a dropped connection.
                return new SandboxError(500, "InternalFailure", "the Caretaker sandbox failed on " + action + ": " + e).xml(NAMESPACE);
            }
        }
    }

    static SandboxResponse failure(InjectedFailure.Kind kind) {
        return switch (kind) {
            case THROTTLING -> SandboxResponse.xml(400, QueryXml.error(NAMESPACE, "Sender", "Throttling", "Rate exceeded"));
            case INTERNAL_ERROR -> SandboxResponse.xml(500, QueryXml.error(NAMESPACE, "Receiver", "InternalFailure",
                    "injected by the Caretaker sandbox scenario"));
        };
    }

    private QueryXml describeStacks(QueryRequest request) {
        Optional<String> name = request.optional("StackName");
        Collection<LiveStack> listed = name.isEmpty() ? stacks.all() : List.of(stacks.get(name.get()));
        name.ifPresent(ignored -> listed.forEach(stacks::look));
        QueryXml result = new QueryXml().open("Stacks");
        for (LiveStack stack : listed) {
            Optional<Detection> detected = Optional.ofNullable(latestCompleted.get(stack.name));
            result.open("member")
                    .element("StackName", stack.name)
                    .element("StackId", stack.id)
                    .element("Description", stack.templateGiven ? stack.template.description().orElse(SANDBOX_DESCRIPTION)
                            : SANDBOX_DESCRIPTION)
                    .open("Parameters");
            stack.parameters.forEach((key, value) -> result.open("member").element("ParameterKey", key)
                    .element("ParameterValue", stack.template.noEcho(key) ? "****" : value).close("member"));
            result.close("Parameters")
                    .element("CreationTime", stack.creationTime.toString())
                    .element("LastUpdatedTime", stack.lastUpdatedTime == null ? null : stack.lastUpdatedTime.toString());
            rollbackConfiguration(result, stack.rollback);
            result.element("StackStatus", stack.status)
                    .element("StackStatusReason", stack.statusReason)
                    .element("DisableRollback", "false")
                    .open("Capabilities");
            stack.capabilities.forEach(capability -> result.element("member", capability));
            result.close("Capabilities").open("Outputs");
            new StackOutputs(stacks, stack).values().forEach((key, value) -> result.open("member").element("OutputKey", key)
                    .element("OutputValue", value).close("member"));
            result.close("Outputs").open("Tags");
            stack.tags.forEach((key, value) -> result.open("member").element("Key", key).element("Value", value).close("member"));
            result.open("member").element("Key", "caretaker:sandbox").element("Value", "true").close("member").close("Tags")
                    .element("EnableTerminationProtection", "false")
                    .open("DriftInformation")
                    .element("StackDriftStatus", detected.map(Detection::stackDriftStatus).orElse("NOT_CHECKED"))
                    .element("LastCheckTimestamp", detected.map(detection -> detection.time.toString()).orElse(null))
                    .close("DriftInformation")
                    .close("member");
        }
        return result.close("Stacks");
    }

    /**
     * DeleteStack: succeeds for a stack that does not exist (as AWS does), repeats nothing for one
     * being deleted, refuses one with an operation under way.
     */
    private QueryXml deleteStack(QueryRequest request) {
        Optional<LiveStack> found = stacks.find(request.required("StackName"));
        if (found.isEmpty() || found.get().status.startsWith("DELETE_")) {
            return new QueryXml();
        }
        LiveStack stack = found.get();
        if (stack.inProgress() || (stack.operation != null && !stack.operation.suspended())) {
            throw SandboxError.validation("Stack [" + stack.name + "] cannot be deleted while in status " + stack.status);
        }
        stack.operation = StackOperation.delete(stack, request.optional("ClientRequestToken").orElse(null), stacks);
        stacks.changeSets().values().removeIf(changeSet -> changeSet.stackId.equals(stack.id));
        return new QueryXml();
    }

    static void rollbackConfiguration(QueryXml result, RollbackSettings rollback) {
        result.open("RollbackConfiguration").open("RollbackTriggers");
        rollback.alarmArns().forEach(arn -> result.open("member").element("Arn", arn).element("Type", "AWS::CloudWatch::Alarm")
                .close("member"));
        result.close("RollbackTriggers").element("MonitoringTimeInMinutes", Integer.toString(rollback.monitoringMinutes()))
                .close("RollbackConfiguration");
    }

    /** Newest first, a page at a time; a token counts the older events still to come, so new events never shift a page. */
    private QueryXml describeStackEvents(QueryRequest request) {
        LiveStack stack = stacks.get(request.required("StackName"));
        Optional<String> nextToken = request.optional("NextToken");
        if (nextToken.isEmpty()) {
            stacks.look(stack);
        }
        int remaining = nextToken.map(token -> remaining(token, stack)).orElse(stack.events.size());
        int to = Math.max(0, remaining - stacks.pacing().stackEventsPageSize());
        QueryXml result = new QueryXml().open("StackEvents");
        for (int i = remaining - 1; i >= to; i--) {
            SandboxStackEvent event = stack.events.get(i);
            result.open("member")
                    .element("StackId", stack.id)
                    .element("EventId", event.eventId())
                    .element("StackName", stack.name)
                    .element("LogicalResourceId", event.logicalId())
                    .element("PhysicalResourceId", event.physicalId())
                    .element("ResourceType", event.resourceType())
                    .element("Timestamp", event.timestamp().toString())
                    .element("ResourceStatus", event.status())
                    .element("ResourceStatusReason", event.reason())
                    .element("ClientRequestToken", event.clientRequestToken())
                    .close("member");
        }
        result.close("StackEvents");
        if (to > 0) {
            result.element("NextToken", Base64.getEncoder().encodeToString((stack.id + "|" + to).getBytes(StandardCharsets.UTF_8)));
        }
        return result;
    }

    private static int remaining(String token, LiveStack stack) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(stack.id + "|")) {
                int remaining = Integer.parseInt(decoded.substring(stack.id.length() + 1));
                if (remaining >= 0 && remaining <= stack.events.size()) {
                    return remaining;
                }
            }
        } catch (IllegalArgumentException e) {
            // Not a token this sandbox issued for this stack: refused below.
        }
        throw SandboxError.validation("Invalid NextToken");
    }

    private QueryXml detectStackDrift(QueryRequest request) {
        LiveStack stack = stacks.get(request.required("StackName"));
        if (request.hasAny("LogicalResourceIds.")) {
            throw SandboxError.validation("the Caretaker sandbox detects drift of whole stacks only, not of chosen LogicalResourceIds");
        }
        String id = UUID.randomUUID().toString();
        detections.put(id, new Detection(id, stack.name, stack.id, List.copyOf(stack.resources.values()), detectionPolls,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return new QueryXml().element("StackDriftDetectionId", id);
    }

    private QueryXml describeDetection(QueryRequest request) {
        String id = request.required("StackDriftDetectionId");
        Detection detection = detections.get(id);
        if (detection == null) {
            throw SandboxError.validation("Stack drift detection " + id + " does not exist");
        }
        QueryXml result = new QueryXml()
                .element("StackId", detection.stackId)
                .element("StackDriftDetectionId", id);
        if (detection.pollsLeft > 0) {
            detection.pollsLeft--;
            result.element("DetectionStatus", "DETECTION_IN_PROGRESS");
        } else {
            latestCompleted.put(detection.stackName, detection);
            result.element("StackDriftStatus", detection.stackDriftStatus())
                    .element("DetectionStatus", "DETECTION_COMPLETE")
                    .element("DriftedStackResourceCount", Long.toString(detection.driftedCount()));
        }
        return result.element("Timestamp", detection.time.toString());
    }

    private QueryXml describeResourceDrifts(QueryRequest request) {
        LiveStack stack = stacks.get(request.required("StackName"));
        List<String> filters = request.list("StackResourceDriftStatusFilters");
        Detection detection = latestCompleted.get(stack.name);
        List<SandboxResource> matching = detection == null ? List.of() : detection.resources.stream()
                .filter(resource -> filters.isEmpty() || filters.contains(resource.driftStatus()))
                .toList();
        int from = request.integer("NextToken", 0);
        int size = request.integer("MaxResults", DEFAULT_PAGE);
        int to = Math.min(matching.size(), from + size);
        QueryXml result = new QueryXml().open("StackResourceDrifts");
        for (SandboxResource resource : matching.subList(Math.min(from, matching.size()), to)) {
            drift(result, stack, resource, detection.time, "member");
        }
        result.close("StackResourceDrifts");
        if (to < matching.size()) {
            result.element("NextToken", Integer.toString(to));
        }
        return result;
    }

    /** One resource, synchronously, as DetectStackResourceDrift does. */
    private QueryXml detectResourceDrift(QueryRequest request) {
        LiveStack stack = stacks.get(request.required("StackName"));
        String logicalId = request.required("LogicalResourceId");
        SandboxResource resource = Optional.ofNullable(stack.resources.get(logicalId))
                .orElseThrow(() -> SandboxError.validation("Resource " + logicalId + " does not exist for stack " + stack.name));
        QueryXml result = new QueryXml();
        drift(result, stack, resource, clock.instant().truncatedTo(ChronoUnit.MILLIS), "StackResourceDrift");
        return result;
    }

    private void drift(QueryXml result, LiveStack stack, SandboxResource resource, Instant time, String element) {
        result.open(element)
                .element("StackId", stack.id)
                .element("LogicalResourceId", resource.logicalId())
                .element("PhysicalResourceId", resource.isNestedStack() ? stacks.stackId(resource.physicalId()) : resource.physicalId())
                .element("ResourceType", resource.type())
                .element("StackResourceDriftStatus", resource.driftStatus());
        if (resource.drift().orElse(null) instanceof InjectedDrift.Modified modified) {
            result.element("ExpectedProperties", properties(modified, true))
                    .element("ActualProperties", properties(modified, false))
                    .open("PropertyDifferences");
            for (InjectedDrift.Difference difference : modified.differences()) {
                result.open("member")
                        .element("PropertyPath", difference.propertyPath())
                        .element("ExpectedValue", difference.expectedValue())
                        .element("ActualValue", difference.actualValue())
                        .element("DifferenceType", difference.differenceType())
                        .close("member");
            }
            result.close("PropertyDifferences");
        }
        result.element("Timestamp", time.toString()).close(element);
    }

    /** The properties the differences touch, as the JSON documents CloudFormation returns. */
    private static String properties(InjectedDrift.Modified modified, boolean expected) {
        ObjectNode root = Json.mapper().createObjectNode();
        for (InjectedDrift.Difference difference : modified.differences()) {
            String[] path = difference.propertyPath().substring(1).split("/");
            ObjectNode node = root;
            for (int i = 0; i < path.length - 1; i++) {
                node = node.has(path[i]) && node.get(path[i]).isObject() ? (ObjectNode) node.get(path[i]) : node.putObject(path[i]);
            }
            node.put(path[path.length - 1], expected ? difference.expectedValue() : difference.actualValue());
        }
        return Json.write(root);
    }

    /** A drift detection: the stack's resources as they were when it started. */
    private static final class Detection {
        private final String id;
        private final String stackName;
        private final String stackId;
        private final List<SandboxResource> resources;
        private final Instant time;
        private int pollsLeft;

        Detection(String id, String stackName, String stackId, List<SandboxResource> resources, int pollsLeft, Instant time) {
            this.id = id;
            this.stackName = stackName;
            this.stackId = stackId;
            this.resources = new ArrayList<>(resources);
            this.pollsLeft = pollsLeft;
            this.time = time;
        }

        /** Nested stacks do not count: their drift is their own detection's. */
        long driftedCount() {
            return resources.stream().filter(resource -> resource.drift().isPresent() && !resource.isNestedStack()).count();
        }

        String stackDriftStatus() {
            return driftedCount() > 0 ? "DRIFTED" : "IN_SYNC";
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
