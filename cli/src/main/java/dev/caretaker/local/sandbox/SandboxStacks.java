package dev.caretaker.local.sandbox;

import dev.caretaker.template.Template;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sandbox account's CloudFormation state: every stack and change set, the armed deployment
 * faults and the alarms, and what stack operations need from around them. Callers hold this
 * object's lock while they read or change anything in it.
 */
final class SandboxStacks implements OperationContext {

    /** When the scenario's stacks were created, as DescribeStacks reports it. */
    static final Instant SCENARIO_CREATION = Instant.parse("2026-01-01T00:00:00Z");
    private static final char[] ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final Map<String, LiveStack> stacks = new LinkedHashMap<>();
    private final Map<String, SandboxChangeSet> changeSets = new LinkedHashMap<>();
    /** Deleted stacks by id: DescribeStacks and DescribeStackEvents still answer for them by id, as AWS does. */
    private final Map<String, LiveStack> deleted = new LinkedHashMap<>();
    /** How many stacks of a name were created before: a re-created stack gets a new id. */
    private final Map<String, Integer> generations = new HashMap<>();
    private final List<DeploymentFault> armedFaults;
    private final String accountId;
    private final String region;
    private final EventClock events;
    private final DeploymentPacing pacing;
    private final SandboxAlarms alarms;
    private int generated;
    private int changeSetsCreated;

    SandboxStacks(SandboxScenario scenario, String accountId, String region, Clock clock) {
        this.accountId = accountId;
        this.region = region;
        this.events = new EventClock(clock);
        this.pacing = scenario.pacing();
        this.armedFaults = new ArrayList<>(scenario.deploymentFaults());
        Instant start = clock.instant();
        this.alarms = new SandboxAlarms(scenario.alarms(), scenario.alarmRules(), start, region, accountId, this::history);
        for (SandboxStack declared : scenario.stacks()) {
            stacks.put(declared.name(), fromScenario(declared, start));
        }
    }

    private LiveStack fromScenario(SandboxStack declared, Instant start) {
        LiveStack stack = new LiveStack(declared.name(), stackId(declared.name()), SCENARIO_CREATION, declared.status());
        if (declared.template().isPresent()) {
            try {
                stack.template = SandboxTemplate.parse(declared.template().get());
                stack.parameters = stack.template.resolveParameters(declared.parameters().entrySet().stream()
                        .map(entry -> new SandboxTemplate.GivenParameter(entry.getKey(), entry.getValue(), false)).toList(), Map.of());
            } catch (SandboxError e) {
                throw new IllegalArgumentException("the scenario's stack " + declared.name() + " cannot run its template: " + e.getMessage(), e);
            }
            stack.templateGiven = true;
            stack.capabilities = stack.template.capabilities().required();
        }
        stack.tags = declared.tags();
        if (stack.template == null) {
            declared.resources().forEach(resource -> stack.resources.put(resource.logicalId(), resource));
        } else {
            ResolvedValues values = values(stack, stack.template, stack.parameters);
            stack.template.resources().forEach((logicalId, resource) -> stack.resources.put(logicalId, SandboxResource.inSync(logicalId,
                    resource.type(), physicalId(stack, logicalId, resource.type(), givenName(resource, values)))));
            for (SandboxResource drifted : declared.resources()) {
                if (!stack.resources.containsKey(drifted.logicalId())) {
                    throw new IllegalArgumentException("the scenario's stack " + declared.name() + " has no resource " + drifted.logicalId()
                            + " in its template to drift");
                }
                stack.resources.put(drifted.logicalId(), drifted);
            }
        }
        if (stack.template == null) {
            stack.template = SandboxTemplate.synthesized(declared.resources());
        }
        stack.runs(stack.template, start);
        if (declared.status().equals("UPDATE_ROLLBACK_FAILED")) {
            stack.operation = StackOperation.stuckInRollback(stack, declared.failedRollbacks(), this);
        }
        return stack;
    }

    Collection<LiveStack> all() {
        return stacks.values();
    }

    Optional<LiveStack> find(String nameOrId) {
        LiveStack byName = stacks.get(nameOrId);
        if (byName != null) {
            return Optional.of(byName);
        }
        Optional<LiveStack> byId = stacks.values().stream().filter(stack -> stack.id.equals(nameOrId)).findFirst();
        return byId.isPresent() ? byId : Optional.ofNullable(deleted.get(nameOrId));
    }

    /** The stack, or the ValidationError DescribeStacks answers for a missing one. */
    LiveStack get(String nameOrId) {
        return find(nameOrId).orElseThrow(() -> SandboxError.validation("Stack with id " + nameOrId + " does not exist"));
    }

    /** A stack made by a CREATE change set: it exists, in REVIEW_IN_PROGRESS, until the change set runs. */
    LiveStack create(String name, String token) {
        if (deleted.values().stream().anyMatch(gone -> gone.name.equals(name))) {
            generations.merge(name, 1, Integer::sum);
        }
        LiveStack stack = new LiveStack(name, stackId(name), events.next(), "REVIEW_IN_PROGRESS");
        stack.stackEvent(stack.creationTime, "REVIEW_IN_PROGRESS", StackOperation.USER_INITIATED, token);
        stacks.put(name, stack);
        return stack;
    }

    /** Someone looked at the stack: its operation, if one is under way, moves on. */
    void look(LiveStack stack) {
        if (stack.operation != null) {
            stack.operation.advance(pacing.stepsPerPoll());
            if (stack.operation.finished()) {
                stack.operation = null;
                if (stack.status.equals("DELETE_COMPLETE")) {
                    stacks.remove(stack.name, stack);
                    deleted.put(stack.id, stack);
                }
            }
        }
    }

    Map<String, SandboxChangeSet> changeSets() {
        return changeSets;
    }

    /** A change set by ARN, or by name on the stack named; refused as CloudFormation refuses a missing one. */
    SandboxChangeSet changeSet(String nameOrArn, Optional<String> stackName) {
        if (nameOrArn.startsWith("arn:")) {
            SandboxChangeSet byId = changeSets.get(nameOrArn);
            if (byId == null) {
                throw SandboxError.of("ChangeSetNotFound", "ChangeSet [" + nameOrArn + "] does not exist");
            }
            return byId;
        }
        String stack = stackName.orElseThrow(() -> SandboxError.validation(
                "StackName must be specified if ChangeSetName is not specified as an ARN."));
        return find(stack).flatMap(found -> changeSetNamed(found, nameOrArn))
                .orElseThrow(() -> SandboxError.of("ChangeSetNotFound", "ChangeSet [" + nameOrArn + "] does not exist"));
    }

    Optional<SandboxChangeSet> changeSetNamed(LiveStack stack, String name) {
        return changeSets.values().stream().filter(set -> set.stackId.equals(stack.id) && set.name.equals(name)).findFirst();
    }

    DeploymentPacing pacing() {
        return pacing;
    }

    SandboxAlarms alarms() {
        return alarms;
    }

    /** The first armed fault for a deployment of {@code stackName} with {@code template}. */
    Optional<DeploymentFault> armedFault(String stackName, SandboxTemplate template) {
        return armedFaults.stream().filter(fault -> fault.matches(stackName, template)).findFirst();
    }

    ResolvedValues values(LiveStack stack, SandboxTemplate template, Map<String, String> parameters) {
        return new ResolvedValues(stack.name, stack.id, region, accountId, parameters, template.parameters());
    }

    synchronized List<RunningPeriod> history(String stackName) {
        LiveStack stack = stacks.get(stackName);
        return stack == null ? List.of() : List.copyOf(stack.history);
    }

    String stackId(String name) {
        int generation = generations.getOrDefault(name, 0);
        return "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + name + "/"
                + uuid("caretaker-sandbox/" + name + (generation == 0 ? "" : "/" + generation));
    }

    String changeSetId(String stackName, String changeSetName) {
        return "arn:aws:cloudformation:" + region + ":" + accountId + ":changeSet/" + changeSetName + "/"
                + uuid(stackName + "/" + changeSetName + "/" + ++changeSetsCreated);
    }

    private static UUID uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    private static Object givenName(Template.Resource resource, ResolvedValues values) {
        return CreateOnlyProperties.nameProperty(resource.type()).map(property -> values.resolve(resource.properties().get(property)))
                .orElse(null);
    }

    @Override
    public Instant now() {
        return events.now();
    }

    @Override
    public Instant eventTime() {
        return events.next();
    }

    @Override
    public Optional<String> triggerFired(RollbackSettings rollback) {
        return alarms.triggerFired(rollback, events.now());
    }

    @Override
    public Duration monitoringMinute() {
        return pacing.monitoringMinute();
    }

    @Override
    public String physicalId(LiveStack stack, String logicalId, String type, Object givenName) {
        if (givenName instanceof String name && !name.isBlank()) {
            return name;
        }
        byte[] seed = (stack.id + "/" + logicalId + "/" + ++generated).getBytes(StandardCharsets.UTF_8);
        UUID hash = UUID.nameUUIDFromBytes(seed);
        long bits = hash.getMostSignificantBits() ^ hash.getLeastSignificantBits();
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            suffix.append(ID_CHARACTERS[(int) Long.remainderUnsigned(bits, ID_CHARACTERS.length)]);
            bits = Long.divideUnsigned(bits, ID_CHARACTERS.length);
        }
        return stack.name + "-" + logicalId + "-" + suffix;
    }

    @Override
    public void faultFired(DeploymentFault fault) {
        if (!fault.repeating()) {
            armedFaults.remove(fault);
        }
    }
}
