package dev.caretaker.local.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sandbox's CloudFormation: DescribeStacks, DetectStackDrift, DescribeStackDriftDetectionStatus
 * and DescribeStackResourceDrifts over the query protocol, answering from the scenario's stacks.
 * Drift results exist only after a detection completes, as in AWS. Other actions are refused
 * with an error naming them.
 */
final class CloudFormationSandbox {

    static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final int DEFAULT_PAGE = 100;

    private final SandboxScenario scenario;
    private final String accountId;
    private final String region;
    private final Clock clock;
    private final Map<String, Detection> detections = new HashMap<>();
    private final Map<String, Detection> latestCompleted = new HashMap<>();

    CloudFormationSandbox(SandboxScenario scenario, String accountId, String region, Clock clock) {
        this.scenario = scenario;
        this.accountId = accountId;
        this.region = region;
        this.clock = clock;
    }

    synchronized SandboxResponse handle(String action, Map<String, String> parameters) {
        try {
            return switch (action) {
                case "DescribeStacks" -> describeStacks(parameters);
                case "DetectStackDrift" -> detectStackDrift(parameters);
                case "DescribeStackDriftDetectionStatus" -> describeDetection(parameters);
                case "DescribeStackResourceDrifts" -> describeResourceDrifts(parameters);
                case "DetectStackResourceDrift" -> detectResourceDrift(parameters);
                default -> SandboxResponse.xml(400, QueryXml.error(NAMESPACE, "Sender", "InvalidAction",
                        "the Caretaker sandbox does not implement CloudFormation " + action));
            };
        } catch (ValidationError e) {
            return SandboxResponse.xml(400, QueryXml.error(NAMESPACE, "Sender", "ValidationError", e.getMessage()));
        }
    }

    static SandboxResponse failure(InjectedFailure.Kind kind) {
        return switch (kind) {
            case THROTTLING -> SandboxResponse.xml(400, QueryXml.error(NAMESPACE, "Sender", "Throttling", "Rate exceeded"));
            case INTERNAL_ERROR -> SandboxResponse.xml(500, QueryXml.error(NAMESPACE, "Receiver", "InternalFailure",
                    "injected by the Caretaker sandbox scenario"));
        };
    }

    private SandboxResponse describeStacks(Map<String, String> parameters) {
        String name = parameters.get("StackName");
        List<SandboxStack> stacks = name == null ? scenario.stacks() : List.of(stack(name));
        QueryXml result = new QueryXml().open("Stacks");
        for (SandboxStack stack : stacks) {
            Optional<Detection> detected = Optional.ofNullable(latestCompleted.get(stack.name()));
            result.open("member")
                    .element("StackName", stack.name())
                    .element("StackId", stackId(stack.name()))
                    .element("Description", "Caretaker sandbox stack: exists only in the local runtime, not in AWS")
                    .element("CreationTime", "2026-01-01T00:00:00.000Z")
                    .element("StackStatus", stack.status())
                    .element("DisableRollback", "false")
                    .open("DriftInformation")
                    .element("StackDriftStatus", detected.map(Detection::stackDriftStatus).orElse("NOT_CHECKED"))
                    .element("LastCheckTimestamp", detected.map(detection -> detection.time.toString()).orElse(null))
                    .close("DriftInformation")
                    .open("Tags").open("member").element("Key", "caretaker:sandbox").element("Value", "true").close("member").close("Tags")
                    .close("member");
        }
        result.close("Stacks");
        return ok("DescribeStacks", result);
    }

    private SandboxResponse detectStackDrift(Map<String, String> parameters) {
        SandboxStack stack = stack(required(parameters, "StackName"));
        if (parameters.keySet().stream().anyMatch(key -> key.startsWith("LogicalResourceIds."))) {
            throw new ValidationError("the Caretaker sandbox detects drift of whole stacks only, not of chosen LogicalResourceIds");
        }
        String id = UUID.randomUUID().toString();
        detections.put(id, new Detection(id, stack, scenario.detectionPolls(), clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return ok("DetectStackDrift", new QueryXml().element("StackDriftDetectionId", id));
    }

    private SandboxResponse describeDetection(Map<String, String> parameters) {
        String id = required(parameters, "StackDriftDetectionId");
        Detection detection = detections.get(id);
        if (detection == null) {
            throw new ValidationError("Stack drift detection " + id + " does not exist");
        }
        QueryXml result = new QueryXml()
                .element("StackId", stackId(detection.stack.name()))
                .element("StackDriftDetectionId", id);
        if (detection.pollsLeft > 0) {
            detection.pollsLeft--;
            result.element("DetectionStatus", "DETECTION_IN_PROGRESS");
        } else {
            latestCompleted.put(detection.stack.name(), detection);
            result.element("StackDriftStatus", detection.stackDriftStatus())
                    .element("DetectionStatus", "DETECTION_COMPLETE")
                    .element("DriftedStackResourceCount", Long.toString(detection.driftedCount()));
        }
        result.element("Timestamp", detection.time.toString());
        return ok("DescribeStackDriftDetectionStatus", result);
    }

    private SandboxResponse describeResourceDrifts(Map<String, String> parameters) {
        SandboxStack stack = stack(required(parameters, "StackName"));
        List<String> filters = new ArrayList<>();
        for (int i = 1; parameters.containsKey("StackResourceDriftStatusFilters.member." + i); i++) {
            filters.add(parameters.get("StackResourceDriftStatusFilters.member." + i));
        }
        Detection detection = latestCompleted.get(stack.name());
        List<SandboxResource> matching = detection == null ? List.of() : stack.resources().stream()
                .filter(resource -> filters.isEmpty() || filters.contains(status(resource)))
                .toList();
        int from = parameters.containsKey("NextToken") ? page(parameters.get("NextToken")) : 0;
        int size = parameters.containsKey("MaxResults") ? page(parameters.get("MaxResults")) : DEFAULT_PAGE;
        int to = Math.min(matching.size(), from + size);
        QueryXml result = new QueryXml().open("StackResourceDrifts");
        for (SandboxResource resource : matching.subList(Math.min(from, matching.size()), to)) {
            drift(result, stack, resource, detection.time);
        }
        result.close("StackResourceDrifts");
        if (to < matching.size()) {
            result.element("NextToken", Integer.toString(to));
        }
        return ok("DescribeStackResourceDrifts", result);
    }

    /** One resource, synchronously, as DetectStackResourceDrift does. */
    private SandboxResponse detectResourceDrift(Map<String, String> parameters) {
        SandboxStack stack = stack(required(parameters, "StackName"));
        String logicalId = required(parameters, "LogicalResourceId");
        SandboxResource resource = stack.resources().stream().filter(candidate -> candidate.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new ValidationError("Resource " + logicalId + " does not exist for stack " + stack.name()));
        QueryXml result = new QueryXml();
        drift(result, stack, resource, clock.instant().truncatedTo(ChronoUnit.MILLIS), "StackResourceDrift");
        return ok("DetectStackResourceDrift", result);
    }

    private void drift(QueryXml result, SandboxStack stack, SandboxResource resource, Instant time) {
        drift(result, stack, resource, time, "member");
    }

    private void drift(QueryXml result, SandboxStack stack, SandboxResource resource, Instant time, String element) {
        result.open(element)
                .element("StackId", stackId(stack.name()))
                .element("LogicalResourceId", resource.logicalId())
                .element("PhysicalResourceId", resource.isNestedStack() ? stackId(resource.physicalId()) : resource.physicalId())
                .element("ResourceType", resource.type())
                .element("StackResourceDriftStatus", status(resource));
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

    private static String status(SandboxResource resource) {
        return resource.drift().map(InjectedDrift::status).orElse(resource.isNestedStack() ? "NOT_CHECKED" : "IN_SYNC");
    }

    private SandboxStack stack(String nameOrId) {
        return scenario.stacks().stream()
                .filter(stack -> stack.name().equals(nameOrId) || stackId(stack.name()).equals(nameOrId))
                .findFirst()
                .orElseThrow(() -> new ValidationError("Stack with id " + nameOrId + " does not exist"));
    }

    private String stackId(String name) {
        UUID id = UUID.nameUUIDFromBytes(("caretaker-sandbox/" + name).getBytes(StandardCharsets.UTF_8));
        return "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + name + "/" + id;
    }

    private static SandboxResponse ok(String action, QueryXml result) {
        return SandboxResponse.xml(200, QueryXml.response(action, NAMESPACE, result));
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new ValidationError("1 validation error detected: Value null at '" + name + "' failed to satisfy constraint:"
                    + " Member must not be null");
        }
        return value;
    }

    private static int page(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ValidationError("'" + value + "' is not a page token or size the Caretaker sandbox issued");
        }
    }

    private static final class Detection {
        private final String id;
        private final SandboxStack stack;
        private final Instant time;
        private int pollsLeft;

        Detection(String id, SandboxStack stack, int pollsLeft, Instant time) {
            this.id = id;
            this.stack = stack;
            this.pollsLeft = pollsLeft;
            this.time = time;
        }

        /** Nested stacks do not count: their drift is their own detection's. */
        long driftedCount() {
            return stack.resources().stream().filter(resource -> resource.drift().isPresent() && !resource.isNestedStack()).count();
        }

        String stackDriftStatus() {
            return driftedCount() > 0 ? "DRIFTED" : "IN_SYNC";
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private static final class ValidationError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ValidationError(String message) {
            super(message, null, false, false);
        }
    }
}
