package dev.caretaker.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.local.LocalClients;
import dev.caretaker.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateSummaryResponse;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.InvalidChangeSetStatusException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The sandbox's deployments driven by the real CloudFormationClient and CloudWatchClient, down each
 * path: create, update with changes computed from the templates, no changes, paging, idempotency
 * tokens, failed create and update rolled back, a rollback that fails and is continued, template
 * summaries, alarm rules on a clock the test moves, and rollback triggers.
 */
class SandboxDeploymentTest {

    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private static final String ALARM_ARN = "arn:aws:cloudwatch:eu-west-1:000000000000:alarm:app-5xx";

    private final MutableClock clock = new MutableClock(START);
    private SandboxAccount sandbox;
    private CloudFormationClient cloudFormation;
    private CloudWatchClient cloudWatch;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void start(SandboxScenario scenario) {
        start(scenario, null);
    }

    private void start(SandboxScenario scenario, Function<String, byte[]> templateSource) {
        sandbox = (templateSource == null ? new SandboxAccount(scenario, "eu-west-1", clock)
                : new SandboxAccount(scenario, "eu-west-1", clock, templateSource)).start();
        AwsClientFactory clients = LocalClients.at(sandbox.endpoint());
        cloudFormation = clients.build(CloudFormationClient.builder(), "CLOUDFORMATION");
        cloudWatch = clients.build(CloudWatchClient.builder(), "CLOUDWATCH");
    }

    private static SandboxScenario.Builder appAt15() {
        return SandboxScenario.builder().deployedStack("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod"));
    }

    private CreateChangeSetResponse changeSet(String stack, String name, ChangeSetType type, String template, String... parameters) {
        return cloudFormation.createChangeSet(changeSetRequest(stack, name, type, template, parameters).build());
    }

    private static CreateChangeSetRequest.Builder changeSetRequest(String stack, String name, ChangeSetType type, String template,
                                                                   String... parameters) {
        List<Parameter> given = new ArrayList<>();
        for (int i = 0; i < parameters.length; i += 2) {
            given.add(Parameter.builder().parameterKey(parameters[i]).parameterValue(parameters[i + 1]).build());
        }
        return CreateChangeSetRequest.builder().stackName(stack).changeSetName(name).changeSetType(type).templateBody(template)
                .parameters(given);
    }

    /** Describes until the change set settles, then reads every page of its changes. */
    private List<ResourceChange> settledChanges(String stack, String name) {
        DescribeChangeSetResponse first = settle(stack, name);
        List<ResourceChange> changes = new ArrayList<>();
        first.changes().stream().map(Change::resourceChange).forEach(changes::add);
        String token = first.nextToken();
        while (token != null) {
            String page = token;
            DescribeChangeSetResponse next = cloudFormation.describeChangeSet(r -> r.stackName(stack).changeSetName(name).nextToken(page));
            next.changes().stream().map(Change::resourceChange).forEach(changes::add);
            token = next.nextToken();
        }
        return changes;
    }

    private DescribeChangeSetResponse settle(String stack, String name) {
        for (int i = 0; i < 10; i++) {
            DescribeChangeSetResponse described = cloudFormation.describeChangeSet(r -> r.stackName(stack).changeSetName(name));
            if (!described.statusAsString().startsWith("CREATE_PENDING") && !described.statusAsString().equals("CREATE_IN_PROGRESS")) {
                return described;
            }
        }
        throw new AssertionError("change set " + name + " never settled");
    }

    /** Looks at the stack (each look runs one step) until its status stops changing on its own; returns the status. */
    private String runToRest(String stack) {
        for (int i = 0; i < 200; i++) {
            String status = describe(stack).stackStatusAsString();
            if (!status.endsWith("_IN_PROGRESS")) {
                return status;
            }
        }
        throw new AssertionError("stack " + stack + " is still in progress after 200 looks");
    }

    private Stack describe(String stack) {
        return cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().getFirst();
    }

    /** Every event, oldest first, read page by page as the SDK's paginator reads them. */
    private List<StackEvent> events(String stack) {
        List<StackEvent> newestFirst = new ArrayList<>();
        cloudFormation.describeStackEventsPaginator(r -> r.stackName(stack)).forEach(page -> newestFirst.addAll(page.stackEvents()));
        return newestFirst.reversed();
    }

    private static List<String> lines(List<StackEvent> events) {
        return events.stream().map(event -> event.logicalResourceId() + " " + event.resourceStatusAsString()
                + (event.resourceStatusReason() == null ? "" : " (" + event.resourceStatusReason() + ")")).toList();
    }

    private List<StackEvent> eventsSince(String stack, String token) {
        return events(stack).stream().filter(event -> token.equals(event.clientRequestToken())).toList();
    }

    private MetricAlarm alarm(String name) {
        return cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().getFirst();
    }

    @Test
    void createsAStackFromACreateChangeSet_reviewFirstThenEveryResourceInOrder() {
        start(SandboxScenario.empty());

        CreateChangeSetResponse created = changeSet("app", "release-1-5", ChangeSetType.CREATE, SandboxTemplates.RELEASE_1_5,
                "Stage", "prod");

        assertThat(describe("app").stackStatusAsString()).isEqualTo("REVIEW_IN_PROGRESS");
        assertThat(created.stackId()).startsWith("arn:aws:cloudformation:eu-west-1:000000000000:stack/app/");
        assertThat(created.id()).startsWith("arn:aws:cloudformation:eu-west-1:000000000000:changeSet/release-1-5/");
        DescribeChangeSetResponse pending = cloudFormation.describeChangeSet(r -> r.changeSetName(created.id()));
        assertThat(pending.statusAsString()).isEqualTo("CREATE_PENDING");
        assertThat(pending.executionStatusAsString()).isEqualTo("UNAVAILABLE");
        assertThat(settledChanges("app", "release-1-5")).extracting(change -> change.actionAsString() + " " + change.logicalResourceId())
                .containsExactly("Add Orders", "Add Logs", "Add Uploads");

        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-5").clientRequestToken("deploy-1-execute"));

        assertThat(runToRest("app")).isEqualTo("CREATE_COMPLETE");
        assertThat(lines(events("app"))).containsExactly(
                "app REVIEW_IN_PROGRESS (User Initiated)",
                "app CREATE_IN_PROGRESS (User Initiated)",
                "Orders CREATE_IN_PROGRESS", "Orders CREATE_IN_PROGRESS (Resource creation Initiated)", "Orders CREATE_COMPLETE",
                "Logs CREATE_IN_PROGRESS", "Logs CREATE_IN_PROGRESS (Resource creation Initiated)", "Logs CREATE_COMPLETE",
                "Uploads CREATE_IN_PROGRESS", "Uploads CREATE_IN_PROGRESS (Resource creation Initiated)", "Uploads CREATE_COMPLETE",
                "app CREATE_COMPLETE");
        assertThat(events("app").subList(1, 12)).allSatisfy(event -> assertThat(event.clientRequestToken()).isEqualTo("deploy-1-execute"));
        Stack stack = describe("app");
        assertThat(stack.parameters()).extracting(p -> p.parameterKey() + "=" + p.parameterValue())
                .containsExactly("Stage=prod", "RetentionDays=14");
        assertThat(stack.description()).isEqualTo("Product stack, release 1.5.0");
        assertThat(stack.outputs()).extracting(o -> o.outputKey() + "=" + o.outputValue())
                .containsExactly("OrdersTable=" + events("app").get(4).physicalResourceId(), "LogGroup=/app/prod");
        assertThat(events("app").get(7).physicalResourceId()).as("a named resource gets its name").isEqualTo("/app/prod");
        assertThat(cloudFormation.describeChangeSet(r -> r.changeSetName(created.id())).executionStatusAsString())
                .isEqualTo("EXECUTE_COMPLETE");
    }

    @Test
    void computesAddModifyAndRemoveFromTheTemplates_replacementOnlyForCreateOnlyProperties() {
        start(appAt15().build());

        changeSet("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");
        List<ResourceChange> changes = settledChanges("app", "release-1-6");

        assertThat(changes).extracting(change -> change.actionAsString() + " " + change.logicalResourceId() + " "
                        + change.resourceType() + " " + change.replacementAsString())
                .containsExactly("Modify Orders AWS::DynamoDB::Table True", "Modify Logs AWS::Logs::LogGroup False",
                        "Add Jobs AWS::SQS::Queue null", "Remove Uploads AWS::S3::Bucket null");
        assertThat(changes.getFirst().details()).extracting(detail -> detail.target().name() + " "
                        + detail.target().requiresRecreationAsString() + " " + detail.changeSourceAsString() + " " + detail.evaluationAsString())
                .containsExactly("AttributeDefinitions Never DirectModification Static", "KeySchema Always DirectModification Static");
        assertThat(changes.getFirst().scopeAsStrings()).containsExactly("Properties");
        assertThat(changes.get(1).details()).singleElement().satisfies(detail -> {
            assertThat(detail.target().name()).isEqualTo("RetentionInDays");
            assertThat(detail.target().requiresRecreationAsString()).isEqualTo("Never");
        });
        assertThat(changes.getFirst().physicalResourceId()).startsWith("app-Orders-");
        assertThat(changes.get(2).physicalResourceId()).isNull();
        assertThat(changes.get(3).physicalResourceId()).startsWith("app-Uploads-");
        assertThat(sandbox.calls()).filteredOn(call -> call.operation().equals("DescribeChangeSet"))
                .as("one pending describe, then two pages of three and one").hasSize(3);
    }

    @Test
    void tracesAParameterChangeToTheParameter_andReplacesWhenItFeedsACreateOnlyProperty() {
        start(appAt15().build());

        changeSet("app", "to-dev", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_5, "Stage", "dev");

        assertThat(settledChanges("app", "to-dev")).singleElement().satisfies(logs -> {
            assertThat(logs.logicalResourceId()).isEqualTo("Logs");
            assertThat(logs.replacementAsString()).isEqualTo("True");
            assertThat(logs.details()).singleElement().satisfies(detail -> {
                assertThat(detail.target().name()).isEqualTo("LogGroupName");
                assertThat(detail.changeSourceAsString()).isEqualTo("ParameterReference");
                assertThat(detail.causingEntity()).isEqualTo("Stage");
            });
        });
    }

    @Test
    void failsTheChangeSetWithAwsWords_whenTemplateAndParametersAreUnchanged() {
        start(appAt15().build());

        changeSet("app", "same", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_5, "Stage", "prod");
        DescribeChangeSetResponse described = settle("app", "same");

        assertThat(described.statusAsString()).isEqualTo("FAILED");
        assertThat(described.statusReason()).isEqualTo(
                "The submitted information didn't contain changes. Submit different information to create a change set.");
        assertThat(described.executionStatusAsString()).isEqualTo("UNAVAILABLE");
        assertThat(described.changes()).isEmpty();
        assertThatThrownBy(() -> cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("same")))
                .isInstanceOf(InvalidChangeSetStatusException.class)
                .hasMessageContaining("cannot be executed in its current status of [UNAVAILABLE]");
    }

    @Test
    void updatesInPlaceReplacesAddsAndCleansUp_withEventsPagedNewestFirst() {
        start(appAt15().build());
        String oldOrders = describeResourcePhysicalId("Orders");

        changeSet("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");
        settle("app", "release-1-6");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6").clientRequestToken("d2-execute"));

        assertThat(runToRest("app")).isEqualTo("UPDATE_COMPLETE");
        List<StackEvent> events = eventsSince("app", "d2-execute");
        assertThat(lines(events)).containsExactly(
                "app UPDATE_IN_PROGRESS (User Initiated)",
                "Orders UPDATE_IN_PROGRESS (Requested update requires the creation of a new physical resource; hence creating one.)",
                "Orders UPDATE_IN_PROGRESS (Resource creation Initiated)",
                "Orders UPDATE_COMPLETE",
                "Logs UPDATE_IN_PROGRESS", "Logs UPDATE_COMPLETE",
                "Jobs CREATE_IN_PROGRESS", "Jobs CREATE_IN_PROGRESS (Resource creation Initiated)", "Jobs CREATE_COMPLETE",
                "app UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                "Orders DELETE_IN_PROGRESS", "Orders DELETE_COMPLETE",
                "Uploads DELETE_IN_PROGRESS", "Uploads DELETE_COMPLETE",
                "app UPDATE_COMPLETE");
        assertThat(events.get(10).physicalResourceId()).as("the old table goes in the cleanup").isEqualTo(oldOrders);
        assertThat(events.get(3).physicalResourceId()).isNotEqualTo(oldOrders);
        assertThat(events).extracting(StackEvent::timestamp).isSorted().doesNotHaveDuplicates();
        assertThat(sandbox.calls()).filteredOn(call -> call.operation().equals("DescribeStackEvents"))
                .as("fifteen events, five a page: the paginator follows NextToken").hasSize(3);
        Stack stack = describe("app");
        assertThat(stack.description()).isEqualTo("Product stack, release 1.6.0");
        assertThat(stack.lastUpdatedTime()).isEqualTo(events.getFirst().timestamp());
    }

    private String describeResourcePhysicalId(String logicalId) {
        changeSet("app", "probe", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");
        String physicalId = settledChanges("app", "probe").stream().filter(change -> change.logicalResourceId().equals(logicalId))
                .findFirst().orElseThrow().physicalResourceId();
        cloudFormation.deleteChangeSet(r -> r.stackName("app").changeSetName("probe"));
        return physicalId;
    }

    @Test
    void keepsPagesStable_whenEventsArriveBetweenPages() {
        start(appAt15().stackEventsPageSize(2).build());
        changeSet("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");
        settle("app", "release-1-6");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6"));
        for (int i = 0; i < 4; i++) {
            describe("app");
        }

        var first = cloudFormation.describeStackEvents(r -> r.stackName("app"));
        describe("app");
        describe("app");
        var second = cloudFormation.describeStackEvents(r -> r.stackName("app").nextToken(first.nextToken()));

        assertThat(first.stackEvents()).hasSize(2);
        assertThat(second.stackEvents()).hasSize(2);
        assertThat(second.stackEvents().getFirst().timestamp()).isBefore(first.stackEvents().getLast().timestamp());
        assertThatThrownBy(() -> cloudFormation.describeStackEvents(r -> r.stackName("app").nextToken("bm90LW91cnM=")))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"));
    }

    @Test
    void returnsTheSameChangeSet_forTheSameClientToken_andRefusesTheSameNameWithout() {
        start(appAt15().build());
        CreateChangeSetRequest request = changeSetRequest("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6,
                "Stage", "prod").clientToken("d3-create").build();

        CreateChangeSetResponse first = cloudFormation.createChangeSet(request);
        CreateChangeSetResponse retried = cloudFormation.createChangeSet(request);

        assertThat(retried.id()).isEqualTo(first.id());
        assertThat(retried.stackId()).isEqualTo(first.stackId());
        assertThatThrownBy(() -> cloudFormation.createChangeSet(request.toBuilder().clientToken("another").build()))
                .isInstanceOf(AlreadyExistsException.class);

        settle("app", "release-1-6");
        cloudFormation.executeChangeSet(r -> r.changeSetName(first.id()).clientRequestToken("d3-execute"));
        cloudFormation.executeChangeSet(r -> r.changeSetName(first.id()).clientRequestToken("d3-execute"));
        assertThatThrownBy(() -> cloudFormation.executeChangeSet(r -> r.changeSetName(first.id()).clientRequestToken("d3-other")))
                .isInstanceOf(InvalidChangeSetStatusException.class)
                .hasMessageContaining("EXECUTE_IN_PROGRESS");

        assertThat(runToRest("app")).isEqualTo("UPDATE_COMPLETE");
        assertThat(eventsSince("app", "d3-execute")).filteredOn(event -> event.logicalResourceId().equals("app"))
                .extracting(StackEvent::resourceStatusAsString)
                .as("one execution, not two").containsExactly("UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE");
    }

    @Test
    void refusesLikeAws_whenTheChangeSetTypeDoesNotFitTheStack() {
        start(appAt15().build());

        assertThatThrownBy(() -> changeSet("app", "again", ChangeSetType.CREATE, SandboxTemplates.RELEASE_1_5, "Stage", "prod"))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"))
                .hasMessageStartingWith("Stack [app] already exists and cannot be created again with the changeSet [again].");
        assertThatThrownBy(() -> changeSet("nope", "first", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_5, "Stage", "prod"))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageStartingWith("Stack [nope] does not exist");
        assertThatThrownBy(() -> changeSet("app", "bad", ChangeSetType.UPDATE, "Resources:\n  A:\n    Type: AWS::SQS::Queue\n"
                + "    Properties:\n      QueueName: !Ref Missing\n"))
                .hasMessageStartingWith("Template format error: Unresolved resource dependencies [Missing]");
        assertThatThrownBy(() -> changeSet("app", "no-stage", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6))
                .hasMessageStartingWith("Parameters: [Stage] must have values");
    }

    @Test
    void rollsBackAFailedCreate_toRollbackComplete_whichCannotBeUpdated() {
        start(SandboxScenario.builder()
                .deploymentFault(DeploymentFault.onStack("app").resourceFails("Logs",
                        "Resource handler returned message: \"Log group /app/prod already exists\""))
                .build());
        changeSet("app", "first", ChangeSetType.CREATE, SandboxTemplates.RELEASE_1_5, "Stage", "prod");
        settle("app", "first");

        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("first").clientRequestToken("d4-execute"));

        assertThat(runToRest("app")).isEqualTo("ROLLBACK_COMPLETE");
        assertThat(lines(eventsSince("app", "d4-execute"))).containsExactly(
                "app CREATE_IN_PROGRESS (User Initiated)",
                "Orders CREATE_IN_PROGRESS", "Orders CREATE_IN_PROGRESS (Resource creation Initiated)", "Orders CREATE_COMPLETE",
                "Logs CREATE_IN_PROGRESS", "Logs CREATE_FAILED (Resource handler returned message: \"Log group /app/prod already exists\")",
                "app ROLLBACK_IN_PROGRESS (The following resource(s) failed to create: [Logs]. Rollback requested by user.)",
                "Logs DELETE_IN_PROGRESS", "Logs DELETE_COMPLETE",
                "Orders DELETE_IN_PROGRESS", "Orders DELETE_COMPLETE",
                "app ROLLBACK_COMPLETE");
        assertThat(settle("app", "first").executionStatusAsString()).isEqualTo("EXECUTE_FAILED");
        assertThatThrownBy(() -> changeSet("app", "second", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_5, "Stage", "prod"))
                .hasMessageContaining("is in ROLLBACK_COMPLETE state and can not be updated.");
    }

    @Test
    void deletesAStackLeftInRollbackComplete_soTheNextCreateMakesANewStack() {
        start(SandboxScenario.builder()
                .deploymentFault(DeploymentFault.onStack("app").resourceFails("Uploads", "Resource handler returned message: \"Bucket exists\""))
                .build());
        changeSet("app", "first", ChangeSetType.CREATE, SandboxTemplates.RELEASE_1_5, "Stage", "prod");
        settle("app", "first");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("first"));
        assertThat(runToRest("app")).isEqualTo("ROLLBACK_COMPLETE");
        String firstId = describe("app").stackId();

        cloudFormation.deleteStack(r -> r.stackName("app").clientRequestToken("d9-delete"));
        cloudFormation.deleteStack(r -> r.stackName("app").clientRequestToken("d9-delete"));
        for (int i = 0; i < 10 && !describe(firstId).stackStatusAsString().equals("DELETE_COMPLETE"); i++) {
            cloudFormation.describeStackEvents(r -> r.stackName(firstId));
        }

        assertThat(describe(firstId).stackStatusAsString()).isEqualTo("DELETE_COMPLETE");
        assertThat(lines(eventsSince(firstId, "d9-delete"))).containsExactly("app DELETE_IN_PROGRESS (User Initiated)", "app DELETE_COMPLETE");
        assertThatThrownBy(() -> describe("app")).hasMessageStartingWith("Stack with id app does not exist");
        cloudFormation.deleteStack(r -> r.stackName("app"));

        changeSet("app", "second", ChangeSetType.CREATE, SandboxTemplates.RELEASE_1_5, "Stage", "prod");
        settle("app", "second");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("second"));
        assertThat(runToRest("app")).as("the fault fired once").isEqualTo("CREATE_COMPLETE");
        assertThat(describe("app").stackId()).isNotEqualTo(firstId).startsWith("arn:aws:cloudformation:eu-west-1:000000000000:stack/app/");
        changeSet("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");
        settle("app", "release-1-6");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6"));
        assertThatThrownBy(() -> cloudFormation.deleteStack(r -> r.stackName("app")))
                .hasMessageStartingWith("Stack [app] cannot be deleted while in status UPDATE_IN_PROGRESS");
    }

    @Test
    void endsInRollbackFailed_whenAFailedCreateCannotDeleteWhatItMade_whichNoContinueUpdateRollbackFixes() {
        start(SandboxScenario.builder()
                .deploymentFault(DeploymentFault.onStack("app").resourceFails("Logs", "Resource handler returned message: \"Throttled\"")
                        .rollbackFails("Orders", "Resource handler returned message: \"Table has deletion protection\""))
                .build());
        changeSet("app", "first", ChangeSetType.CREATE, SandboxTemplates.RELEASE_1_5, "Stage", "prod");
        settle("app", "first");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("first").clientRequestToken("d8-execute"));

        assertThat(runToRest("app")).isEqualTo("ROLLBACK_FAILED");
        assertThat(lines(eventsSince("app", "d8-execute")).reversed().subList(0, 3)).containsExactly(
                "app ROLLBACK_FAILED (The following resource(s) failed to delete: [Orders]. )",
                "Orders DELETE_FAILED (Resource handler returned message: \"Table has deletion protection\")",
                "Orders DELETE_IN_PROGRESS");
        assertThatThrownBy(() -> cloudFormation.continueUpdateRollback(r -> r.stackName("app").resourcesToSkip("Orders")))
                .hasMessageStartingWith("Stack app is in ROLLBACK_FAILED state and can not continue update rollback");
    }

    @Test
    void throttlesDeploymentCallsBeyondTheRateLimit_likeEveryCloudFormationCall() {
        start(appAt15().cloudFormationCallsPerSecond(1).build());
        changeSet("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");

        assertThatThrownBy(() -> cloudFormation.describeChangeSet(r -> r.stackName("app").changeSetName("release-1-6")))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("Throttling"));
        assertThat(sandbox.throttledByRateLimit()).isEqualTo(1);
    }

    @Test
    void rollsBackAFailedUpdate_keepingTheOldTemplate_andFailsOnlyTheMarkedRelease() {
        start(appAt15()
                .deploymentFault(DeploymentFault.onStack("app").whenTemplateContains("release 1.6.0")
                        .resourceFails("Logs", "Resource handler returned message: \"Invalid retention\""))
                .build());
        changeSet("app", "release-1-5-1", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_5_1, "Stage", "prod");
        settle("app", "release-1-5-1");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-5-1"));
        assertThat(runToRest("app")).as("a release without the marker deploys").isEqualTo("UPDATE_COMPLETE");

        changeSet("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");
        settle("app", "release-1-6");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6").clientRequestToken("d5-execute"));

        assertThat(runToRest("app")).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(lines(eventsSince("app", "d5-execute"))).containsExactly(
                "app UPDATE_IN_PROGRESS (User Initiated)",
                "Orders UPDATE_IN_PROGRESS (Requested update requires the creation of a new physical resource; hence creating one.)",
                "Orders UPDATE_IN_PROGRESS (Resource creation Initiated)", "Orders UPDATE_COMPLETE",
                "Logs UPDATE_IN_PROGRESS", "Logs UPDATE_FAILED (Resource handler returned message: \"Invalid retention\")",
                "app UPDATE_ROLLBACK_IN_PROGRESS (The following resource(s) failed to update: [Logs]. )",
                "Logs UPDATE_IN_PROGRESS", "Logs UPDATE_COMPLETE",
                "Orders UPDATE_IN_PROGRESS", "Orders UPDATE_COMPLETE",
                "app UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
                "Orders DELETE_IN_PROGRESS", "Orders DELETE_COMPLETE",
                "app UPDATE_ROLLBACK_COMPLETE");
        Stack stack = describe("app");
        assertThat(stack.description()).as("the stack still runs what it ran").isEqualTo("Product stack, release 1.5.1");
        assertThat(cloudFormation.getTemplateSummary(r -> r.stackName("app")).description()).isEqualTo("Product stack, release 1.5.1");

        changeSet("app", "release-1-6-again", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");
        settle("app", "release-1-6-again");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6-again"));
        assertThat(runToRest("app")).as("the fault fired once").isEqualTo("UPDATE_COMPLETE");
    }

    @Test
    void stopsInUpdateRollbackFailed_andContinuesOnlyWhenTheFailedResourceIsSkipped() {
        start(appAt15()
                .deploymentFault(DeploymentFault.onStack("app").whenTemplateContains("release 1.6.0")
                        .resourceFails("Logs", "Resource handler returned message: \"Invalid retention\"")
                        .rollbackFails("Orders", "Resource handler returned message: \"Table is being deleted\""))
                .build());
        changeSet("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");
        settle("app", "release-1-6");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6").clientRequestToken("d6-execute"));

        assertThat(runToRest("app")).isEqualTo("UPDATE_ROLLBACK_FAILED");
        assertThat(describe("app").stackStatusReason()).isEqualTo("The following resource(s) failed to update: [Orders].");
        assertThat(lines(eventsSince("app", "d6-execute")).reversed().subList(0, 2)).containsExactly(
                "app UPDATE_ROLLBACK_FAILED (The following resource(s) failed to update: [Orders].)",
                "Orders UPDATE_FAILED (Resource handler returned message: \"Table is being deleted\")");
        assertThatThrownBy(() -> cloudFormation.continueUpdateRollback(r -> r.stackName("app").resourcesToSkip("Logs")))
                .hasMessageContaining("Resources [Logs] cannot be skipped");

        cloudFormation.continueUpdateRollback(r -> r.stackName("app").clientRequestToken("d6-continue-1"));
        assertThat(runToRest("app")).as("nothing skipped: the rollback fails again").isEqualTo("UPDATE_ROLLBACK_FAILED");
        assertThat(lines(eventsSince("app", "d6-continue-1"))).containsExactly(
                "app UPDATE_ROLLBACK_IN_PROGRESS (User Initiated)",
                "Orders UPDATE_IN_PROGRESS", "Orders UPDATE_FAILED (Resource handler returned message: \"Table is being deleted\")",
                "app UPDATE_ROLLBACK_FAILED (The following resource(s) failed to update: [Orders].)");

        cloudFormation.continueUpdateRollback(r -> r.stackName("app").resourcesToSkip("Orders").clientRequestToken("d6-continue-2"));
        cloudFormation.continueUpdateRollback(r -> r.stackName("app").resourcesToSkip("Orders").clientRequestToken("d6-continue-2"));
        assertThat(runToRest("app")).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(lines(eventsSince("app", "d6-continue-2"))).containsExactly(
                "app UPDATE_ROLLBACK_IN_PROGRESS (User Initiated)",
                "Orders UPDATE_COMPLETE (Resource update skipped)",
                "app UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
                "app UPDATE_ROLLBACK_COMPLETE");
        assertThatThrownBy(() -> cloudFormation.continueUpdateRollback(r -> r.stackName("app").clientRequestToken("d6-continue-3")))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"))
                .hasMessageStartingWith("Stack app is in UPDATE_ROLLBACK_COMPLETE state and can not continue update rollback");
    }

    @Test
    void continuesAScenarioStackStuckInRollback_onlyPastItsFailedResource() {
        start(SandboxScenario.builder()
                .stack(new SandboxStack("legacy", "UPDATE_COMPLETE",
                        List.of(SandboxResource.inSync("LegacyQueue", "AWS::SQS::Queue", "legacy-work"))).stuckInRollback("LegacyQueue"))
                .build());

        cloudFormation.continueUpdateRollback(r -> r.stackName("legacy"));
        assertThat(runToRest("legacy")).isEqualTo("UPDATE_ROLLBACK_FAILED");
        cloudFormation.continueUpdateRollback(r -> r.stackName("legacy").resourcesToSkip("LegacyQueue"));

        assertThat(runToRest("legacy")).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(lines(events("legacy"))).contains("LegacyQueue UPDATE_COMPLETE (Resource update skipped)");
    }

    @Test
    void summarisesParametersCapabilitiesMetadataAndTransforms_andRefusesMissingCapabilities() {
        start(SandboxScenario.empty());

        GetTemplateSummaryResponse summary = cloudFormation.getTemplateSummary(r -> r.templateBody(SandboxTemplates.WITH_NAMED_ROLE));

        assertThat(summary.parameters()).extracting(p -> p.parameterKey() + " " + p.parameterType() + " " + p.defaultValue() + " "
                        + p.noEcho() + " " + p.description() + " " + p.parameterConstraints().allowedValues())
                .containsExactly("Stage String null false Where it runs [dev, prod]", "Secret String hunter2 true null []");
        assertThat(summary.capabilitiesAsStrings()).containsExactly("CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");
        assertThat(summary.capabilitiesReason()).isEqualTo("The following resource(s) require capabilities: [AWS::IAM::Role]");
        assertThat(summary.resourceTypes()).containsExactly("AWS::IAM::Role", "AWS::SQS::Queue");
        assertThat(summary.metadata()).isEqualTo("{\"Caretaker::Quotas\":[{\"ServiceCode\":\"sqs\",\"QuotaCode\":\"L-1\",\"Required\":1}]}");
        assertThat(summary.declaredTransforms()).containsExactly("AWS::Serverless-2016-10-31");
        assertThat(cloudFormation.getTemplateSummary(r -> r.templateBody(SandboxTemplates.RELEASE_1_5)).capabilities()).isEmpty();

        assertThatThrownBy(() -> changeSet("roles", "first", ChangeSetType.CREATE, SandboxTemplates.WITH_NAMED_ROLE, "Stage", "dev"))
                .isInstanceOf(InsufficientCapabilitiesException.class)
                .hasMessageStartingWith("Requires capabilities : [CAPABILITY_NAMED_IAM]");
        assertThatThrownBy(() -> cloudFormation.createChangeSet(changeSetRequest("roles", "first", ChangeSetType.CREATE,
                SandboxTemplates.WITH_NAMED_ROLE, "Stage", "dev").capabilitiesWithStrings("CAPABILITY_IAM").build()))
                .as("IAM is not enough for a named role").isInstanceOf(InsufficientCapabilitiesException.class);
        cloudFormation.createChangeSet(changeSetRequest("roles", "first", ChangeSetType.CREATE, SandboxTemplates.WITH_NAMED_ROLE,
                "Stage", "dev").capabilitiesWithStrings("CAPABILITY_NAMED_IAM").build());
        assertThat(settle("roles", "first").parameters()).extracting(p -> p.parameterKey() + "=" + p.parameterValue())
                .containsExactly("Stage=dev", "Secret=****");
    }

    @Test
    void readsTemplateUrlsThroughTheTemplateSource_andRefusesThemWithoutOne() {
        Map<String, String> bucket = Map.of("https://releases.s3.eu-west-1.amazonaws.com/app/1.5.0/template.yaml", SandboxTemplates.RELEASE_1_5);
        start(SandboxScenario.empty(), url -> {
            String template = bucket.get(url);
            if (template == null) {
                throw new IllegalStateException("NoSuchKey: " + url);
            }
            return template.getBytes(StandardCharsets.UTF_8);
        });

        assertThat(cloudFormation.getTemplateSummary(r -> r.templateURL(bucket.keySet().iterator().next())).description())
                .isEqualTo("Product stack, release 1.5.0");
        assertThatThrownBy(() -> cloudFormation.getTemplateSummary(r -> r.templateURL("https://releases.s3.amazonaws.com/missing.yaml")))
                .hasMessageContaining("could not be read: NoSuchKey");
        sandbox.close();

        start(SandboxScenario.empty());
        assertThatThrownBy(() -> cloudFormation.getTemplateSummary(r -> r.templateURL(bucket.keySet().iterator().next())))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"))
                .hasMessageContaining("no template source");
    }

    @Test
    void putsAnAlarmInAlarm_whileTheMarkedReleaseRuns_fromTheScriptedDelay() {
        start(appAt15()
                .alarm("app-latency")
                .alarmRule(AlarmRule.alarm("app-5xx").whileStack("app").runsTemplateContaining("release 1.6.0").after(Duration.ofMinutes(5)))
                .build());
        assertThat(alarm("app-5xx").stateValue()).isEqualTo(StateValue.OK);

        changeSet("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");
        settle("app", "release-1-6");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(runToRest("app")).isEqualTo("UPDATE_COMPLETE");
        Instant deployed = clock.instant();

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(alarm("app-5xx").stateValue()).as("a second before the delay").isEqualTo(StateValue.OK);
        clock.advance(Duration.ofSeconds(1));
        MetricAlarm fired = alarm("app-5xx");

        assertThat(fired.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(fired.stateUpdatedTimestamp()).isEqualTo(deployed.plus(Duration.ofMinutes(5)));
        assertThat(fired.alarmArn()).isEqualTo(ALARM_ARN);
        assertThat(fired.stateReason()).contains("release 1.6.0");
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("app-5xx", "app-latency", "not-there")).metricAlarms())
                .extracting(MetricAlarm::alarmName, MetricAlarm::stateValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app-5xx", StateValue.ALARM),
                        org.assertj.core.groups.Tuple.tuple("app-latency", StateValue.OK));
        assertThat(cloudWatch.describeAlarms(r -> r.stateValue(StateValue.ALARM)).metricAlarms()).extracting(MetricAlarm::alarmName)
                .containsExactly("app-5xx");
    }

    @Test
    void rollsBackOnARollbackTriggerInAlarm_duringMonitoring_andTheAlarmClearsWithTheOldRelease() {
        start(appAt15()
                .alarmRule(AlarmRule.alarm("app-5xx").whileStack("app").runsTemplateContaining("release 1.6.0"))
                .build());
        cloudFormation.createChangeSet(changeSetRequest("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6,
                "Stage", "prod").rollbackConfiguration(c -> c.monitoringTimeInMinutes(10)
                .rollbackTriggers(t -> t.arn(ALARM_ARN).type("AWS::CloudWatch::Alarm"))).build());
        assertThat(settle("app", "release-1-6").rollbackConfiguration().monitoringTimeInMinutes()).isEqualTo(10);
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6").clientRequestToken("d7-execute"));

        assertThat(runToRest("app")).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        List<String> lines = lines(eventsSince("app", "d7-execute"));
        assertThat(lines).contains("app UPDATE_ROLLBACK_IN_PROGRESS (Rollback triggered by the following alarm(s) in ALARM state: ["
                + ALARM_ARN + "])");
        assertThat(lines.indexOf("Jobs CREATE_COMPLETE")).as("the alarm fires once the release runs")
                .isLessThan(lines.indexOf("app UPDATE_ROLLBACK_IN_PROGRESS (Rollback triggered by the following alarm(s) in ALARM state: ["
                        + ALARM_ARN + "])"));
        assertThat(lines).doesNotContain("app UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
        assertThat(alarm("app-5xx").stateValue()).as("1.5.0 runs again").isEqualTo(StateValue.OK);
        assertThat(describe("app").rollbackConfiguration().rollbackTriggers()).as("the triggers were not committed").isEmpty();
    }

    @Test
    void completesAfterTheMonitoringTime_whenTheTriggerStaysOk() {
        start(appAt15()
                .alarmRule(AlarmRule.alarm("app-5xx").whileStack("app").runsTemplateContaining("release 1.6.0").after(Duration.ofMinutes(30)))
                .build());
        cloudFormation.createChangeSet(changeSetRequest("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6,
                "Stage", "prod").rollbackConfiguration(c -> c.monitoringTimeInMinutes(10)
                .rollbackTriggers(t -> t.arn(ALARM_ARN).type("AWS::CloudWatch::Alarm"))).build());
        settle("app", "release-1-6");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6"));

        for (int i = 0; i < 30; i++) {
            describe("app");
        }
        assertThat(describe("app").stackStatusAsString()).as("watching the trigger for ten minutes").isEqualTo("UPDATE_IN_PROGRESS");
        clock.advance(Duration.ofMinutes(10));

        assertThat(runToRest("app")).isEqualTo("UPDATE_COMPLETE");
        assertThat(describe("app").rollbackConfiguration().rollbackTriggers()).extracting(t -> t.arn()).containsExactly(ALARM_ARN);
    }

    @Test
    void rollsBack_whenARollbackTriggerDoesNotExist() {
        start(appAt15().build());
        cloudFormation.createChangeSet(changeSetRequest("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6,
                "Stage", "prod").rollbackConfiguration(c -> c.rollbackTriggers(t -> t.arn(ALARM_ARN).type("AWS::CloudWatch::Alarm")))
                .build());
        settle("app", "release-1-6");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6"));

        assertThat(runToRest("app")).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(describe("app").stackStatusReason()).isNull();
        assertThat(lines(events("app"))).contains("app UPDATE_ROLLBACK_IN_PROGRESS (The following rollback trigger(s) do not exist: ["
                + ALARM_ARN + "])");
    }

    @Test
    void injectsFailuresIntoTheNewOperations_andMarksCloudWatchAnswersAsSandbox() {
        start(appAt15()
                .failing("ExecuteChangeSet", "app", InjectedFailure.Kind.THROTTLING, 1)
                .failure(new InjectedFailure("DescribeAlarms", java.util.Optional.empty(), InjectedFailure.Kind.THROTTLING, 1))
                .alarm("app-5xx")
                .build());
        changeSet("app", "release-1-6", ChangeSetType.UPDATE, SandboxTemplates.RELEASE_1_6, "Stage", "prod");
        settle("app", "release-1-6");

        assertThatThrownBy(() -> cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6")))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("Throttling"));
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("release-1-6"));
        assertThatThrownBy(() -> alarm("app-5xx")).isInstanceOfSatisfying(CloudWatchException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling"));

        var answer = cloudWatch.describeAlarms(r -> r.alarmNames("app-5xx"));
        assertThat(answer.sdkHttpResponse().firstMatchingHeader(SandboxAccount.HEADER)).contains("true");
        assertThat(sandbox.calls()).contains(new SandboxCall("cloudwatch", "DescribeAlarms", 200),
                new SandboxCall("cloudwatch", "DescribeAlarms", 400), new SandboxCall("cloudformation", "ExecuteChangeSet", 400));
    }
}
