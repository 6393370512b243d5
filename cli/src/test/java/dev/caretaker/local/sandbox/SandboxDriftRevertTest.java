package dev.caretaker.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.json.Json;
import dev.caretaker.local.DemoScenario;
import dev.caretaker.local.LocalClients;
import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DeploymentMode;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDrift;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

/**
 * Drift-aware change sets (DeploymentMode REVERT_DRIFT) and GetTemplate, driven by the real
 * CloudFormationClient: a drifted property put back, a deleted resource created again, drift of an
 * immutable property left alone, a stack declared by its resources alone reverted from its
 * synthesized template while its nested stack keeps its drift, reverts rolled back with their
 * drift, and the requests refused.
 */
class SandboxDriftRevertTest {

    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private static final String ALARM_ARN = "arn:aws:cloudwatch:eu-west-1:000000000000:alarm:app-5xx";

    private final MutableClock clock = new MutableClock(START);
    private SandboxAccount sandbox;
    private CloudFormationClient cloudFormation;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void start(SandboxScenario scenario) {
        sandbox = new SandboxAccount(scenario, "eu-west-1", clock).start();
        cloudFormation = clients().build(CloudFormationClient.builder(), "CLOUDFORMATION");
    }

    private AwsClientFactory clients() {
        return LocalClients.at(sandbox.endpoint());
    }

    /** Release 1.5.0 of app, Stage prod, its log group's retention changed by hand from 14 to 30 days. */
    private static SandboxStack appWithLogsDrifted() {
        return SandboxStack.deployed("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod")).withDrift(logsRetention30());
    }

    private static SandboxResource logsRetention30() {
        return SandboxResource.modified("Logs", "AWS::Logs::LogGroup", "/app/prod",
                List.of(new InjectedDrift.Difference("/RetentionInDays", "14", "30")));
    }

    /** The remediation's change set: the stack's own template and every parameter at its previous value. */
    private static CreateChangeSetRequest.Builder revert(String stack, String name, String... previousParameters) {
        List<Parameter> parameters = new ArrayList<>();
        for (String key : previousParameters) {
            parameters.add(Parameter.builder().parameterKey(key).usePreviousValue(true).build());
        }
        return CreateChangeSetRequest.builder().stackName(stack).changeSetName(name).usePreviousTemplate(true).parameters(parameters)
                .deploymentMode(DeploymentMode.REVERT_DRIFT);
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

    private List<ResourceChange> changes(String stack, String name) {
        settle(stack, name);
        List<ResourceChange> changes = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            DescribeChangeSetResponse described = cloudFormation.describeChangeSet(r -> r.stackName(stack).changeSetName(name)
                    .nextToken(page));
            described.changes().stream().map(Change::resourceChange).forEach(changes::add);
            token = described.nextToken();
        } while (token != null);
        return changes;
    }

    private static String summary(ResourceChange change) {
        return change.actionAsString() + " " + change.logicalResourceId() + " " + change.replacementAsString() + " "
                + change.resourceDriftStatusAsString();
    }

    private String execute(String stack, String changeSet, String token) {
        cloudFormation.executeChangeSet(r -> r.stackName(stack).changeSetName(changeSet).clientRequestToken(token));
        return runToRest(stack);
    }

    /** Looks at the stack (each look runs a step of its operation) until its status stops changing on its own. */
    private String runToRest(String stack) {
        for (int i = 0; i < 200; i++) {
            String status = look(stack);
            if (!status.endsWith("_IN_PROGRESS")) {
                return status;
            }
        }
        throw new AssertionError("stack " + stack + " is still in progress after 200 looks");
    }

    private String look(String stack) {
        return cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().getFirst().stackStatusAsString();
    }

    private List<String> eventsOf(String stack, String token) {
        List<StackEvent> newestFirst = new ArrayList<>();
        cloudFormation.describeStackEventsPaginator(r -> r.stackName(stack)).forEach(page -> newestFirst.addAll(page.stackEvents()));
        return newestFirst.reversed().stream().filter(event -> token.equals(event.clientRequestToken()))
                .map(event -> event.logicalResourceId() + " " + event.resourceStatusAsString()
                        + (event.resourceStatusReason() == null ? "" : " (" + event.resourceStatusReason() + ")"))
                .toList();
    }

    /** A new drift detection of the stack, run to completion: each resource's drift status, and the stack's under "*". */
    private Map<String, String> detectDrift(String stack) {
        String id = cloudFormation.detectStackDrift(r -> r.stackName(stack)).stackDriftDetectionId();
        String stackStatus = null;
        for (int i = 0; i < 10 && stackStatus == null; i++) {
            var status = cloudFormation.describeStackDriftDetectionStatus(r -> r.stackDriftDetectionId(id));
            if (status.detectionStatusAsString().equals("DETECTION_COMPLETE")) {
                stackStatus = status.stackDriftStatusAsString();
            }
        }
        Map<String, String> drift = new LinkedHashMap<>();
        drift.put("*", stackStatus);
        resourceDrifts(stack).forEach(resource -> drift.put(resource.logicalResourceId(), resource.stackResourceDriftStatusAsString()));
        return drift;
    }

    private List<StackResourceDrift> resourceDrifts(String stack) {
        List<StackResourceDrift> drifts = new ArrayList<>();
        cloudFormation.describeStackResourceDriftsPaginator(r -> r.stackName(stack))
                .forEach(page -> drifts.addAll(page.stackResourceDrifts()));
        return drifts;
    }

    @Test
    void proposesPuttingTheDriftedPropertyBack_andDetectionFindsTheStackInSyncOnceExecuted() {
        start(SandboxScenario.builder().stack(appWithLogsDrifted()).build());
        assertThat(detectDrift("app")).containsEntry("*", "DRIFTED").containsEntry("Logs", "MODIFIED");

        cloudFormation.createChangeSet(revert("app", "revert-drift", "Stage", "RetentionDays").build());
        DescribeChangeSetResponse described = settle("app", "revert-drift");
        List<ResourceChange> changes = changes("app", "revert-drift");

        assertThat(described.statusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(described.executionStatusAsString()).isEqualTo("AVAILABLE");
        assertThat(described.deploymentMode()).isEqualTo(DeploymentMode.REVERT_DRIFT);
        assertThat(described.stackDriftStatusAsString()).isEqualTo("DRIFTED");
        assertThat(described.parameters()).extracting(p -> p.parameterKey() + "=" + p.parameterValue())
                .containsExactly("Stage=prod", "RetentionDays=14");
        assertThat(changes).extracting(SandboxDriftRevertTest::summary).containsExactly("Modify Logs False MODIFIED");
        ResourceChange logs = changes.getFirst();
        assertThat(logs.physicalResourceId()).isEqualTo("/app/prod");
        assertThat(logs.scopeAsStrings()).containsExactly("Properties");
        assertThat(logs.details()).singleElement().satisfies(detail -> {
            assertThat(detail.target().attributeAsString()).isEqualTo("Properties");
            assertThat(detail.target().name()).isEqualTo("RetentionInDays");
            assertThat(detail.target().requiresRecreationAsString()).isEqualTo("Never");
            assertThat(detail.target().path()).isEqualTo("/Properties/RetentionInDays");
            assertThat(detail.target().beforeValueFromAsString()).isEqualTo("ACTUAL_STATE");
            assertThat(detail.target().afterValueFromAsString()).isEqualTo("TEMPLATE");
            assertThat(detail.target().attributeChangeTypeAsString()).isEqualTo("Modify");
            assertThat(detail.target().drift().previousValue()).isEqualTo("14");
            assertThat(detail.target().drift().actualValue()).isEqualTo("30");
            assertThat(detail.target().drift().driftDetectionTimestamp()).isEqualTo(described.creationTime());
            assertThat(detail.target().beforeValue()).as("values only with IncludePropertyValues").isNull();
            assertThat(detail.evaluationAsString()).isEqualTo("Static");
            assertThat(detail.changeSourceAsString()).isEqualTo("DirectModification");
            assertThat(detail.causingEntity()).isNull();
        });
        ResourceChangeDetail withValues = cloudFormation.describeChangeSet(r -> r.stackName("app").changeSetName("revert-drift")
                .includePropertyValues(true)).changes().getFirst().resourceChange().details().getFirst();
        assertThat(withValues.target().beforeValue()).isEqualTo("30");
        assertThat(withValues.target().afterValue()).isEqualTo("14");

        assertThat(execute("app", "revert-drift", "revert-1")).isEqualTo("UPDATE_COMPLETE");

        assertThat(eventsOf("app", "revert-1")).containsExactly(
                "app UPDATE_IN_PROGRESS (User Initiated)",
                "Logs UPDATE_IN_PROGRESS", "Logs UPDATE_COMPLETE",
                "app UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                "app UPDATE_COMPLETE");
        assertThat(detectDrift("app")).containsExactly(Map.entry("*", "IN_SYNC"), Map.entry("Orders", "IN_SYNC"),
                Map.entry("Logs", "IN_SYNC"), Map.entry("Uploads", "IN_SYNC"));
        assertThat(cloudFormation.describeStacks(r -> r.stackName("app")).stacks().getFirst().parameters())
                .extracting(p -> p.parameterKey() + "=" + p.parameterValue()).containsExactly("Stage=prod", "RetentionDays=14");
    }

    @Test
    void proposesNoChanges_whenAChangeSetWithoutDeploymentModeMeetsADriftedStack() {
        start(SandboxScenario.builder().stack(appWithLogsDrifted()).build());

        cloudFormation.createChangeSet(revert("app", "plain", "Stage", "RetentionDays").deploymentMode((String) null).build());
        DescribeChangeSetResponse described = settle("app", "plain");

        assertThat(described.statusAsString()).isEqualTo("FAILED");
        assertThat(described.statusReason()).isEqualTo(SandboxChangeSet.NO_CHANGES);
        assertThat(described.deploymentMode()).isNull();
        assertThat(described.stackDriftStatus()).as("only a drift-aware change set reads the drift").isNull();
    }

    @Test
    void failsAsAChangeSetWithoutChanges_whenNothingDriftedAndTheTemplateIsTheSame() {
        start(SandboxScenario.builder().deployedStack("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod")).build());

        cloudFormation.createChangeSet(revert("app", "revert-drift", "Stage", "RetentionDays").build());
        DescribeChangeSetResponse described = settle("app", "revert-drift");

        assertThat(described.statusAsString()).isEqualTo("FAILED");
        assertThat(described.statusReason()).isEqualTo(
                "The submitted information didn't contain changes. Submit different information to create a change set.");
        assertThat(described.executionStatusAsString()).isEqualTo("UNAVAILABLE");
        assertThat(described.stackDriftStatusAsString()).isEqualTo("IN_SYNC");
        assertThat(described.changes()).isEmpty();
    }

    @Test
    void mergesTheRevertsIntoTheTemplatesChanges_withEachExistingResourcesDriftStatus() {
        start(SandboxScenario.builder().stack(appWithLogsDrifted()).build());

        cloudFormation.createChangeSet(CreateChangeSetRequest.builder().stackName("app").changeSetName("release-1-5-1")
                .templateBody(SandboxTemplates.RELEASE_1_5_1)
                .parameters(Parameter.builder().parameterKey("Stage").parameterValue("prod").build())
                .deploymentMode(DeploymentMode.REVERT_DRIFT).build());
        cloudFormation.createChangeSet(CreateChangeSetRequest.builder().stackName("app").changeSetName("release-1-6")
                .templateBody(SandboxTemplates.RELEASE_1_6)
                .parameters(Parameter.builder().parameterKey("Stage").parameterValue("prod").build())
                .deploymentMode(DeploymentMode.REVERT_DRIFT).build());

        List<ResourceChange> tagAdded = changes("app", "release-1-5-1");
        assertThat(tagAdded).extracting(SandboxDriftRevertTest::summary)
                .containsExactly("Modify Logs False MODIFIED", "Modify Uploads False IN_SYNC");
        assertThat(tagAdded.get(1).details()).singleElement().satisfies(detail -> {
            assertThat(detail.target().attributeAsString()).isEqualTo("Tags");
            assertThat(detail.target().drift()).as("a template change, not a revert").isNull();
        });
        List<ResourceChange> release16 = changes("app", "release-1-6");
        assertThat(release16).extracting(SandboxDriftRevertTest::summary).containsExactly(
                "Modify Orders True IN_SYNC", "Modify Logs False MODIFIED", "Add Jobs null null", "Remove Uploads null IN_SYNC");
        assertThat(release16.get(1).details()).as("the template sets the drifted retention: one detail, the template's")
                .singleElement().satisfies(detail -> {
                    assertThat(detail.target().name()).isEqualTo("RetentionInDays");
                    assertThat(detail.target().path()).isNull();
                });
    }

    @Test
    void createsAResourceDeletedByHandAgain_underANewPhysicalId() {
        start(SandboxScenario.builder().stack(SandboxStack.deployed("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod"))
                .withDrift(SandboxResource.deleted("Uploads", "AWS::S3::Bucket", "app-uploads-gone"))).build());

        cloudFormation.createChangeSet(revert("app", "revert-drift", "Stage", "RetentionDays").build());

        assertThat(changes("app", "revert-drift")).singleElement().satisfies(uploads -> {
            assertThat(summary(uploads)).isEqualTo("Add Uploads null DELETED");
            assertThat(uploads.resourceType()).isEqualTo("AWS::S3::Bucket");
            assertThat(uploads.physicalResourceId()).isNull();
        });
        assertThat(execute("app", "revert-drift", "revert-1")).isEqualTo("UPDATE_COMPLETE");
        List<String> events = eventsOf("app", "revert-1");
        assertThat(events).containsSubsequence("Uploads CREATE_IN_PROGRESS",
                "Uploads CREATE_IN_PROGRESS (Resource creation Initiated)", "Uploads CREATE_COMPLETE", "app UPDATE_COMPLETE");
        assertThat(detectDrift("app")).containsEntry("*", "IN_SYNC").containsEntry("Uploads", "IN_SYNC");
        assertThat(resourceDrifts("app")).filteredOn(drift -> drift.logicalResourceId().equals("Uploads")).singleElement()
                .satisfies(uploads -> assertThat(uploads.physicalResourceId()).startsWith("app-Uploads-"));
    }

    @Test
    void leavesDriftOfAnImmutablePropertyAlone_asDriftAwareChangeSetsDoNotReplaceResources() {
        SandboxResource orders = SandboxResource.modified("Orders", "AWS::DynamoDB::Table", "app-orders", List.of(
                new InjectedDrift.Difference("/KeySchema/0/AttributeName", "id", "pk"),
                new InjectedDrift.Difference("/BillingMode", "PAY_PER_REQUEST", "PROVISIONED")));
        start(SandboxScenario.builder()
                .stack(SandboxStack.deployed("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod")).withDrift(orders))
                .stack(SandboxStack.deployed("keys", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod")).withDrift(
                        SandboxResource.modified("Orders", "AWS::DynamoDB::Table", "keys-orders",
                                List.of(new InjectedDrift.Difference("/KeySchema/0/AttributeName", "id", "pk")))))
                .build());

        cloudFormation.createChangeSet(revert("app", "revert-drift", "Stage", "RetentionDays").build());
        cloudFormation.createChangeSet(revert("keys", "revert-drift", "Stage", "RetentionDays").build());

        assertThat(changes("app", "revert-drift")).singleElement().satisfies(change -> {
            assertThat(summary(change)).isEqualTo("Modify Orders False MODIFIED");
            assertThat(change.details()).extracting(detail -> detail.target().name() + " " + detail.target().requiresRecreationAsString())
                    .containsExactly("BillingMode Never");
        });
        DescribeChangeSetResponse keysOnly = settle("keys", "revert-drift");
        assertThat(keysOnly.statusAsString()).isEqualTo("FAILED");
        assertThat(keysOnly.stackDriftStatusAsString()).isEqualTo("DRIFTED");

        assertThat(execute("app", "revert-drift", "revert-1")).isEqualTo("UPDATE_COMPLETE");
        assertThat(detectDrift("app")).containsEntry("*", "DRIFTED").containsEntry("Orders", "MODIFIED");
        assertThat(resourceDrifts("app")).filteredOn(drift -> drift.logicalResourceId().equals("Orders")).singleElement()
                .satisfies(drift -> assertThat(drift.propertyDifferences()).extracting(difference -> difference.propertyPath())
                        .containsExactly("/KeySchema/0/AttributeName"));
    }

    @Test
    void leavesTheDriftInPlace_whenTheRevertFailsAndRollsBack() {
        start(SandboxScenario.builder()
                .stack(SandboxStack.deployed("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod"))
                        .withDrift(logsRetention30(), SandboxResource.deleted("Uploads", "AWS::S3::Bucket", "app-uploads-gone")))
                .deploymentFault(DeploymentFault.onStack("app").resourceFails("Uploads",
                        "Resource handler returned message: \"Bucket name already taken\""))
                .build());

        cloudFormation.createChangeSet(revert("app", "revert-drift", "Stage", "RetentionDays").build());
        assertThat(changes("app", "revert-drift")).extracting(SandboxDriftRevertTest::summary)
                .containsExactly("Modify Logs False MODIFIED", "Add Uploads null DELETED");

        assertThat(execute("app", "revert-drift", "revert-1")).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(eventsOf("app", "revert-1")).containsSubsequence(
                "Logs UPDATE_COMPLETE",
                "Uploads CREATE_FAILED (Resource handler returned message: \"Bucket name already taken\")",
                "app UPDATE_ROLLBACK_IN_PROGRESS (The following resource(s) failed to update: [Uploads]. )",
                "Logs UPDATE_IN_PROGRESS", "Logs UPDATE_COMPLETE",
                "app UPDATE_ROLLBACK_COMPLETE");
        assertThat(detectDrift("app")).containsEntry("*", "DRIFTED").containsEntry("Logs", "MODIFIED").containsEntry("Uploads", "DELETED");
    }

    @Test
    void leavesTheDriftInPlace_whenARollbackTriggerFiresWhileTheRevertIsMonitored() {
        start(SandboxScenario.builder().stack(appWithLogsDrifted())
                .alarmRule(AlarmRule.alarm("app-5xx").whileStack("app").runsTemplateContaining("release 1.5.0")
                        .after(Duration.ofMinutes(10)))
                .build());
        cloudFormation.createChangeSet(revert("app", "revert-drift", "Stage", "RetentionDays").rollbackConfiguration(c -> c
                .monitoringTimeInMinutes(20).rollbackTriggers(t -> t.arn(ALARM_ARN).type("AWS::CloudWatch::Alarm"))).build());
        settle("app", "revert-drift");
        cloudFormation.executeChangeSet(r -> r.stackName("app").changeSetName("revert-drift").clientRequestToken("revert-1"));

        for (int i = 0; i < 20; i++) {
            look("app");
        }
        assertThat(eventsOf("app", "revert-1")).as("reverted, now monitored").contains("Logs UPDATE_COMPLETE")
                .doesNotContain("app UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
        clock.advance(Duration.ofMinutes(11));

        assertThat(runToRest("app")).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(eventsOf("app", "revert-1")).containsSubsequence("Logs UPDATE_COMPLETE",
                "app UPDATE_ROLLBACK_IN_PROGRESS (Rollback triggered by the following alarm(s) in ALARM state: [" + ALARM_ARN + "])",
                "Logs UPDATE_IN_PROGRESS", "Logs UPDATE_COMPLETE", "app UPDATE_ROLLBACK_COMPLETE");
        assertThat(detectDrift("app")).containsEntry("*", "DRIFTED").containsEntry("Logs", "MODIFIED");
    }

    @Test
    void revertsTheDemosBillingFromItsSynthesizedTemplate_butNotTheDriftOfItsNestedStack() {
        start(DemoScenario.create(LocalDate.parse("2026-11-21")));

        GetTemplateResponse template = cloudFormation.getTemplate(r -> r.stackName("billing"));
        JsonNode resources = Json.read(template.templateBody(), JsonNode.class).path("Resources");
        assertThat(template.stagesAvailableAsStrings()).containsExactly("Original", "Processed");
        assertThat(resources.path("InvoiceBucket").path("Properties").path("VersioningConfiguration").path("Status").asText())
                .as("the expected value of the injected drift").isEqualTo("Enabled");
        assertThat(resources.path("InvoiceTable").path("Type").asText()).isEqualTo("AWS::DynamoDB::Table");
        assertThat(resources.path("Network").path("Type").asText()).isEqualTo("AWS::CloudFormation::Stack");
        cloudFormation.createChangeSet(CreateChangeSetRequest.builder().stackName("billing").changeSetName("revert-drift")
                .templateBody(template.templateBody()).deploymentMode(DeploymentMode.REVERT_DRIFT).build());

        List<ResourceChange> changes = changes("billing", "revert-drift");

        assertThat(changes).as("nothing for the nested stack Network: its drift is billing-network's")
                .extracting(SandboxDriftRevertTest::summary).containsExactly("Modify InvoiceBucket False MODIFIED");
        assertThat(changes.getFirst().details()).singleElement().satisfies(detail -> {
            assertThat(detail.target().name()).isEqualTo("VersioningConfiguration");
            assertThat(detail.target().path()).isEqualTo("/Properties/VersioningConfiguration/Status");
            assertThat(detail.target().drift().previousValue()).isEqualTo("Enabled");
            assertThat(detail.target().drift().actualValue()).isEqualTo("Suspended");
        });
        assertThat(execute("billing", "revert-drift", "revert-1")).isEqualTo("UPDATE_COMPLETE");
        assertThat(detectDrift("billing")).containsExactly(Map.entry("*", "IN_SYNC"), Map.entry("InvoiceBucket", "IN_SYNC"),
                Map.entry("InvoiceTable", "IN_SYNC"), Map.entry("Network", "NOT_CHECKED"));
        assertThat(detectDrift("billing-network")).containsEntry("*", "DRIFTED").containsEntry("InvoiceSecurityGroup", "MODIFIED");
        assertThat(cloudFormation.getTemplate(r -> r.stackName("billing")).templateBody()).isEqualTo(template.templateBody());
    }

    @Test
    void removesTheIngressRuleAddedByHand_whenTheNestedStackItselfIsReverted() {
        start(DemoScenario.create(LocalDate.parse("2026-11-21")));

        cloudFormation.createChangeSet(revert("billing-network", "revert-drift").build());

        assertThat(changes("billing-network", "revert-drift")).singleElement().satisfies(group -> {
            assertThat(summary(group)).isEqualTo("Modify InvoiceSecurityGroup False MODIFIED");
            assertThat(group.details()).singleElement().satisfies(detail -> {
                assertThat(detail.target().name()).isEqualTo("SecurityGroupIngress");
                assertThat(detail.target().attributeChangeTypeAsString()).isEqualTo("Remove");
                assertThat(detail.target().drift().previousValue()).as("the template has no such rule").isNull();
                assertThat(detail.target().drift().actualValue()).contains("\"FromPort\":22");
            });
        });
        assertThat(execute("billing-network", "revert-drift", "revert-1")).isEqualTo("UPDATE_COMPLETE");
        assertThat(detectDrift("billing-network")).containsEntry("*", "IN_SYNC").containsEntry("InvoiceSecurityGroup", "IN_SYNC");
    }

    @Test
    void refusesWhatAwsDoesNotMakeADriftAwareChangeSetOf() {
        start(SandboxScenario.builder().stack(appWithLogsDrifted()).build());

        assertThatThrownBy(() -> cloudFormation.createChangeSet(revert("app", "unknown-mode", "Stage", "RetentionDays")
                .deploymentMode("REVERT_EVERYTHING").build()))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"))
                .hasMessageStartingWith("1 validation error detected: Value 'REVERT_EVERYTHING' at 'deploymentMode' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [REVERT_DRIFT]");
        assertThatThrownBy(() -> cloudFormation.createChangeSet(CreateChangeSetRequest.builder().stackName("reports")
                .changeSetName("first").changeSetType("CREATE").templateBody(SandboxTemplates.RELEASE_1_5)
                .parameters(Parameter.builder().parameterKey("Stage").parameterValue("prod").build())
                .deploymentMode(DeploymentMode.REVERT_DRIFT).build()))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"))
                .hasMessageStartingWith("DeploymentMode REVERT_DRIFT is for UPDATE change sets only");
        assertThatThrownBy(() -> cloudFormation.createChangeSet(revert("app", "nested", "Stage", "RetentionDays")
                .includeNestedStacks(true).build()))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"))
                .hasMessageContaining("cannot be combined with IncludeNestedStacks");
        assertThat(cloudFormation.describeStacks().stacks()).as("the CREATE made no stack").extracting(stack -> stack.stackName())
                .containsExactly("app");
        assertThatThrownBy(() -> cloudFormation.describeChangeSet(r -> r.stackName("app").changeSetName("unknown-mode")))
                .isInstanceOf(ChangeSetNotFoundException.class);
    }

    @Test
    void givesTheTemplateOfAStackOrOfAChangeSet_atEachStageAvailable() {
        start(SandboxScenario.builder().deployedStack("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod")).build());

        GetTemplateResponse processed = cloudFormation.getTemplate(r -> r.stackName("app"));
        assertThat(processed.templateBody()).isEqualTo(SandboxTemplates.RELEASE_1_5);
        assertThat(processed.stagesAvailableAsStrings()).containsExactly("Original", "Processed");
        assertThat(cloudFormation.getTemplate(r -> r.stackName("app").templateStage(TemplateStage.ORIGINAL)).templateBody())
                .isEqualTo(SandboxTemplates.RELEASE_1_5);

        cloudFormation.createChangeSet(CreateChangeSetRequest.builder().stackName("app").changeSetName("release-1-6")
                .templateBody(SandboxTemplates.RELEASE_1_6)
                .parameters(Parameter.builder().parameterKey("Stage").usePreviousValue(true).build()).build());
        GetTemplateResponse pending = cloudFormation.getTemplate(r -> r.stackName("app").changeSetName("release-1-6")
                .templateStage(TemplateStage.ORIGINAL));
        assertThat(pending.templateBody()).isEqualTo(SandboxTemplates.RELEASE_1_6);
        assertThat(pending.stagesAvailableAsStrings()).containsExactly("Original");
        assertThatThrownBy(() -> cloudFormation.getTemplate(r -> r.stackName("app").changeSetName("release-1-6")))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"))
                .hasMessageContaining("not available until the change set is created");
        String arn = settle("app", "release-1-6").changeSetId();
        assertThat(cloudFormation.getTemplate(r -> r.changeSetName(arn)).stagesAvailableAsStrings())
                .containsExactly("Original", "Processed");

        assertThat(execute("app", "release-1-6", "deploy-1-6")).isEqualTo("UPDATE_COMPLETE");
        assertThat(cloudFormation.getTemplate(r -> r.stackName("app")).templateBody()).isEqualTo(SandboxTemplates.RELEASE_1_6);
        assertThatThrownBy(() -> cloudFormation.getTemplate(r -> r.stackName("gone")))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"))
                .hasMessageStartingWith("Stack with id gone does not exist");
        assertThatThrownBy(() -> cloudFormation.getTemplate(r -> r.stackName("app").templateStage("Expanded")))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageStartingWith("1 validation error detected: Value 'Expanded' at 'templateStage' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: [Original, Processed]");
    }

    @Test
    void keepsEachParameterAtItsPreviousValue_whenAskedToWithUsePreviousValue() {
        start(SandboxScenario.builder().deployedStack("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod", "RetentionDays", "7"))
                .build());

        cloudFormation.createChangeSet(revert("app", "all-previous", "Stage", "RetentionDays").deploymentMode((String) null).build());
        cloudFormation.createChangeSet(CreateChangeSetRequest.builder().stackName("app").changeSetName("default-retention")
                .usePreviousTemplate(true).parameters(Parameter.builder().parameterKey("Stage").usePreviousValue(true).build()).build());

        DescribeChangeSetResponse allPrevious = settle("app", "all-previous");
        assertThat(allPrevious.statusAsString()).isEqualTo("FAILED");
        assertThat(allPrevious.parameters()).extracting(p -> p.parameterKey() + "=" + p.parameterValue())
                .containsExactly("Stage=prod", "RetentionDays=7");
        assertThat(settle("app", "default-retention").parameters()).as("a parameter left out takes its default, as in AWS")
                .extracting(p -> p.parameterKey() + "=" + p.parameterValue()).containsExactly("Stage=prod", "RetentionDays=14");
        assertThat(changes("app", "default-retention")).singleElement().satisfies(logs -> {
            assertThat(logs.logicalResourceId()).isEqualTo("Logs");
            assertThat(logs.details()).singleElement().satisfies(detail -> {
                assertThat(detail.changeSourceAsString()).isEqualTo("ParameterReference");
                assertThat(detail.causingEntity()).isEqualTo("RetentionDays");
            });
        });
    }
}
