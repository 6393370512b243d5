package dev.caretaker.deployment.stack;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.caretaker.testing.QueryProtocol.formField;
import static dev.caretaker.testing.QueryProtocol.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.testing.QueryProtocol;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * Every call of the deployment adapter against recorded CloudFormation responses (query protocol),
 * including the error shapes a deployment meets. The client does not retry (WireClients): every
 * repeated request counted here is the adapter's own throttling retry.
 */
class CloudFormationStackOperationsTest {

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String DEPLOYMENT = "deploy-0123456789abcdef01234567";
    private static final String CHANGE_SET = "caretaker-" + DEPLOYMENT;
    private static final String ALARM = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:app-5xx";
    private static final String DEPLOY_ROLE = "arn:aws:iam::123456789012:role/caretaker-deploy";

    private final List<Duration> sleeps = new ArrayList<>();
    private CloudFormationClient client;
    private CloudFormationStackOperations operations;

    @BeforeEach
    void connect() {
        client = WireClients.against(CloudFormationClient.builder(), AWS.baseUrl());
        operations = new CloudFormationStackOperations(client,
                new CloudFormationThrottlingRetry(JitteredBackoff.CLOUDFORMATION, sleeps::add, new Random(7)));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withRequestBody(formField("Action", action));
    }

    private static String error(String code, String message) {
        return WireFixtures.load("cloudformation/Error.xml", Map.of("code", code, "message", message));
    }

    private static List<Map<String, String>> sent(String action) {
        return AWS.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(formField("Action", action))).stream()
                .map(request -> QueryProtocol.fields(request.getBodyAsString())).toList();
    }

    private static ChangeSetRequest request() {
        return new ChangeSetRequest(DEPLOYMENT, "app",
                new TemplateSource.Url("https://vendor-releases.s3.eu-west-1.amazonaws.com/app/1.4.0/template.yaml"),
                Map.of("Stage", "prod"), Map.of("caretaker:release", "1.4.0"), List.of("CAPABILITY_IAM"),
                new RollbackTriggers(List.of(ALARM), 15), DEPLOY_ROLE);
    }

    @Test
    void createsUpdateChangeSetWithEverySetting_whenStackExists() {
        AWS.stubFor(action("DescribeStacks").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStacks.xml",
                Map.of("stack", "app", "status", "UPDATE_COMPLETE")))));
        AWS.stubFor(action("CreateChangeSet").willReturn(xml(200, WireFixtures.load("cloudformation/CreateChangeSet.xml",
                Map.of("stack", "app", "changeSet", CHANGE_SET)))));

        CreatedChangeSet created = operations.createChangeSet(request());

        assertThat(created.type()).isEqualTo(ChangeSetType.UPDATE);
        assertThat(created.changeSetName()).isEqualTo(CHANGE_SET);
        assertThat(created.changeSetId()).startsWith("arn:aws:cloudformation:eu-west-1:123456789012:changeSet/" + CHANGE_SET + "/");
        assertThat(created.stackId()).contains(":stack/app/");
        assertThat(sent("CreateChangeSet")).singleElement().satisfies(fields -> assertThat(fields)
                .containsEntry("StackName", "app")
                .containsEntry("ChangeSetName", CHANGE_SET)
                .containsEntry("ChangeSetType", "UPDATE")
                .containsEntry("ClientToken", CHANGE_SET + "-create")
                .containsEntry("TemplateURL", "https://vendor-releases.s3.eu-west-1.amazonaws.com/app/1.4.0/template.yaml")
                .containsEntry("Parameters.member.1.ParameterKey", "Stage")
                .containsEntry("Parameters.member.1.ParameterValue", "prod")
                .containsEntry("Tags.member.1.Key", "caretaker:release")
                .containsEntry("Tags.member.1.Value", "1.4.0")
                .containsEntry("Capabilities.member.1", "CAPABILITY_IAM")
                .containsEntry("RollbackConfiguration.RollbackTriggers.member.1.Arn", ALARM)
                .containsEntry("RollbackConfiguration.RollbackTriggers.member.1.Type", "AWS::CloudWatch::Alarm")
                .containsEntry("RollbackConfiguration.MonitoringTimeInMinutes", "15")
                .containsEntry("RoleARN", DEPLOY_ROLE)
                .doesNotContainKey("TemplateBody"));
    }

    @Test
    void sendsTheTemplateInline_andNoRole_whenTheRequestHasABodyAndNoRole() {
        AWS.stubFor(action("DescribeStacks").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStacks.xml",
                Map.of("stack", "app", "status", "UPDATE_COMPLETE")))));
        AWS.stubFor(action("CreateChangeSet").willReturn(xml(200, WireFixtures.load("cloudformation/CreateChangeSet.xml",
                Map.of("stack", "app", "changeSet", CHANGE_SET)))));
        String body = "Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n";

        operations.createChangeSet(new ChangeSetRequest(DEPLOYMENT, "app", new TemplateSource.Body(body), Map.of(), Map.of(),
                List.of(), RollbackTriggers.none(), null));

        assertThat(sent("CreateChangeSet")).singleElement().satisfies(fields -> assertThat(fields)
                .containsEntry("TemplateBody", body)
                .doesNotContainKeys("TemplateURL", "RoleARN"));
    }

    @Test
    void asksForADriftAwareChangeSetKeepingEveryParameter_whenRevertingDrift() {
        AWS.stubFor(action("DescribeStacks").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStacks.xml",
                Map.of("stack", "app", "status", "UPDATE_COMPLETE")))));
        AWS.stubFor(action("CreateChangeSet").willReturn(xml(200, WireFixtures.load("cloudformation/CreateChangeSet.xml",
                Map.of("stack", "app", "changeSet", CHANGE_SET)))));

        operations.createChangeSet(new ChangeSetRequest(DEPLOYMENT, "app", new TemplateSource.Body("Resources: {}"), Map.of(),
                Map.of(), List.of(), RollbackTriggers.none(), null, Set.of("Stage", "DbPassword"), true));

        assertThat(sent("CreateChangeSet")).singleElement().satisfies(fields -> assertThat(fields)
                .containsEntry("DeploymentMode", "REVERT_DRIFT")
                .containsEntry("ChangeSetType", "UPDATE")
                .containsEntry("Parameters.member.1.ParameterKey", "DbPassword")
                .containsEntry("Parameters.member.1.UsePreviousValue", "true")
                .containsEntry("Parameters.member.2.ParameterKey", "Stage")
                .containsEntry("Parameters.member.2.UsePreviousValue", "true")
                .doesNotContainKey("Parameters.member.1.ParameterValue"));
    }

    @Test
    void sendsNoDeploymentMode_forAnOrdinaryChangeSet() {
        AWS.stubFor(action("DescribeStacks").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStacks.xml",
                Map.of("stack", "app", "status", "UPDATE_COMPLETE")))));
        AWS.stubFor(action("CreateChangeSet").willReturn(xml(200, WireFixtures.load("cloudformation/CreateChangeSet.xml",
                Map.of("stack", "app", "changeSet", CHANGE_SET)))));

        operations.createChangeSet(request());

        assertThat(sent("CreateChangeSet").get(0)).doesNotContainKey("DeploymentMode");
    }

    @Test
    void readsTheOriginalTemplateTheStackRuns() {
        AWS.stubFor(action("GetTemplate").willReturn(xml(200, WireFixtures.load("cloudformation/GetTemplate.xml"))));

        String template = operations.currentTemplate("app");

        assertThat(template).startsWith("AWSTemplateFormatVersion: \"2010-09-09\"").contains("VisibilityTimeout: 60");
        assertThat(sent("GetTemplate").get(0)).containsEntry("StackName", "app").containsEntry("TemplateStage", "Original");
    }

    @Test
    void deletesTheChangeSet_andTakesAMissingOneAsDeleted() {
        AWS.stubFor(action("DeleteChangeSet").inScenario("delete").whenScenarioStateIs(STARTED)
                .willReturn(xml(200, WireFixtures.load("cloudformation/DeleteChangeSet.xml"))).willSetStateTo("gone"));
        AWS.stubFor(action("DeleteChangeSet").inScenario("delete").whenScenarioStateIs("gone")
                .willReturn(xml(404, error("ChangeSetNotFound", "ChangeSet [" + CHANGE_SET + "] does not exist"))));

        operations.deleteChangeSet("app", CHANGE_SET);
        operations.deleteChangeSet("app", CHANGE_SET);

        assertThat(sent("DeleteChangeSet")).hasSize(2).allSatisfy(fields -> assertThat(fields)
                .containsEntry("StackName", "app").containsEntry("ChangeSetName", CHANGE_SET));
    }

    @Test
    void createsCreateChangeSet_whenStackDoesNotExist() {
        AWS.stubFor(action("DescribeStacks").willReturn(xml(400, error("ValidationError", "Stack with id app does not exist"))));
        AWS.stubFor(action("CreateChangeSet").willReturn(xml(200, WireFixtures.load("cloudformation/CreateChangeSet.xml",
                Map.of("stack", "app", "changeSet", CHANGE_SET)))));

        assertThat(operations.createChangeSet(request()).type()).isEqualTo(ChangeSetType.CREATE);
        assertThat(sent("CreateChangeSet").get(0)).containsEntry("ChangeSetType", "CREATE");
    }

    @Test
    void createsCreateChangeSet_whenStackIsOnlyAnUnexecutedCreate() {
        AWS.stubFor(action("DescribeStacks").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStacks.xml",
                Map.of("stack", "app", "status", "REVIEW_IN_PROGRESS")))));
        AWS.stubFor(action("CreateChangeSet").willReturn(xml(200, WireFixtures.load("cloudformation/CreateChangeSet.xml",
                Map.of("stack", "app", "changeSet", CHANGE_SET)))));

        assertThat(operations.createChangeSet(request()).type()).isEqualTo(ChangeSetType.CREATE);
    }

    @Test
    void sendsTheSameNameAndTokenOnRetry_andAdoptsTheChangeSetAnEarlierTryMade() {
        AWS.stubFor(action("DescribeStacks").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStacks.xml",
                Map.of("stack", "app", "status", "UPDATE_COMPLETE")))));
        AWS.stubFor(action("CreateChangeSet").inScenario("retried").whenScenarioStateIs(STARTED)
                .willReturn(xml(200, WireFixtures.load("cloudformation/CreateChangeSet.xml", Map.of("stack", "app", "changeSet", CHANGE_SET))))
                .willSetStateTo("created"));
        AWS.stubFor(action("CreateChangeSet").inScenario("retried").whenScenarioStateIs("created")
                .willReturn(xml(400, error("AlreadyExistsException", "ChangeSet " + CHANGE_SET + " already exists"))));
        AWS.stubFor(action("DescribeChangeSet").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeChangeSet-pending.xml",
                Map.of("changeSet", CHANGE_SET)))));

        CreatedChangeSet first = operations.createChangeSet(request());
        CreatedChangeSet second = operations.createChangeSet(request());

        assertThat(second).isEqualTo(first);
        assertThat(sent("DescribeChangeSet")).hasSize(1);
        assertThat(first.changeSetId()).endsWith("/9edc39b0-c7a2-11f0-8f6e-06a1b2c3d4e5");
        assertThat(sent("CreateChangeSet")).extracting(fields -> fields.get("ClientToken") + " " + fields.get("ChangeSetName"))
                .containsExactly(CHANGE_SET + "-create " + CHANGE_SET, CHANGE_SET + "-create " + CHANGE_SET);
    }

    @Test
    void throwsValidationError_whenCloudFormationRejectsTheTemplate() {
        AWS.stubFor(action("DescribeStacks").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStacks.xml",
                Map.of("stack", "app", "status", "UPDATE_COMPLETE")))));
        AWS.stubFor(action("CreateChangeSet").willReturn(xml(400, error("ValidationError",
                "Template format error: Unresolved resource dependencies [Bucket] in the Resources block of the template"))));

        assertThatThrownBy(() -> operations.createChangeSet(request()))
                .isInstanceOfSatisfying(CloudFormationException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"))
                .hasMessageContaining("Unresolved resource dependencies");
        assertThat(sent("CreateChangeSet")).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void readsEveryPageOfChanges_whenDescribeChangeSetIsPaginated() {
        AWS.stubFor(action("DescribeChangeSet").withRequestBody(formField("NextToken", "eyJwYWdlIjoyfQ=="))
                .willReturn(xml(200, WireFixtures.load("cloudformation/DescribeChangeSet-page2.xml", Map.of("changeSet", CHANGE_SET)))));
        AWS.stubFor(action("DescribeChangeSet").atPriority(10)
                .willReturn(xml(200, WireFixtures.load("cloudformation/DescribeChangeSet-page1.xml", Map.of("changeSet", CHANGE_SET)))));

        ChangeSet changeSet = operations.describeChangeSet("app", CHANGE_SET);

        assertThat(changeSet.status()).isEqualTo(ChangeSetStatus.READY);
        assertThat(changeSet.executionStatus()).isEqualTo("AVAILABLE");
        assertThat(changeSet.changeSetName()).isEqualTo(CHANGE_SET);
        assertThat(changeSet.changes()).extracting(change -> change.action() + " " + change.logicalId() + " " + change.resourceType()
                        + " " + change.replacement())
                .containsExactly("MODIFY Orders AWS::DynamoDB::Table TRUE", "ADD Jobs AWS::SQS::Queue NOT_APPLICABLE",
                        "MODIFY Logs AWS::Logs::LogGroup CONDITIONAL", "REMOVE Uploads AWS::S3::Bucket NOT_APPLICABLE");
        assertThat(changeSet.changes().get(0).details()).containsExactly(
                new ChangeDetail("Properties", "KeySchema", "Always", "DirectModification", "Static"));
        assertThat(changeSet.changes().get(0).physicalId()).isEqualTo("app-Orders-1A2B3C4D5E6F");
        assertThat(changeSet.changes().get(1).physicalId()).isNull();
        assertThat(sent("DescribeChangeSet")).extracting(fields -> fields.get("NextToken"))
                .containsExactly(null, "eyJwYWdlIjoyfQ==");
        assertThat(sent("DescribeChangeSet").get(0)).containsEntry("StackName", "app").containsEntry("ChangeSetName", CHANGE_SET);
    }

    @Test
    void reportsNoChanges_whenCloudFormationSaysTheSubmittedInformationDidNotContainChanges() {
        AWS.stubFor(action("DescribeChangeSet").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeChangeSet-no-changes.xml",
                Map.of("changeSet", CHANGE_SET)))));

        ChangeSet changeSet = operations.describeChangeSet("app", CHANGE_SET);

        assertThat(changeSet.status()).isEqualTo(ChangeSetStatus.NO_CHANGES);
        assertThat(changeSet.statusReason()).startsWith("The submitted information didn't contain changes.");
        assertThat(changeSet.changes()).isEmpty();
    }

    @Test
    void reportsPending_whileCloudFormationIsStillComputing() {
        AWS.stubFor(action("DescribeChangeSet").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeChangeSet-pending.xml",
                Map.of("changeSet", CHANGE_SET)))));

        assertThat(operations.describeChangeSet("app", CHANGE_SET).status()).isEqualTo(ChangeSetStatus.PENDING);
    }

    @Test
    void executesWithTokenDerivedFromDeployment_whenAsked() {
        AWS.stubFor(action("ExecuteChangeSet").willReturn(xml(200, WireFixtures.load("cloudformation/ExecuteChangeSet.xml"))));

        operations.executeChangeSet("app", CHANGE_SET, DEPLOYMENT);

        assertThat(sent("ExecuteChangeSet")).singleElement().satisfies(fields -> assertThat(fields)
                .containsEntry("StackName", "app").containsEntry("ChangeSetName", CHANGE_SET)
                .containsEntry("ClientRequestToken", CHANGE_SET + "-execute"));
    }

    @Test
    void throwsInvalidChangeSetStatus_whenChangeSetCannotBeExecuted() {
        AWS.stubFor(action("ExecuteChangeSet").willReturn(xml(400, error("InvalidChangeSetStatus",
                "ChangeSet [arn:aws:cloudformation:eu-west-1:123456789012:changeSet/" + CHANGE_SET + "/9edc] cannot be executed in its current status of [UNAVAILABLE]"))));

        assertThatThrownBy(() -> operations.executeChangeSet("app", CHANGE_SET, DEPLOYMENT))
                .isInstanceOfSatisfying(CloudFormationException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeSetStatus"));
    }

    @Test
    void describesStackWithParametersOutputsTagsAndCapabilities_whenStackExists() {
        AWS.stubFor(action("DescribeStacks").willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStacks-full.xml"))));

        StackDescription stack = operations.describeStack("app").orElseThrow();

        assertThat(stack.status()).isEqualTo("UPDATE_ROLLBACK_FAILED");
        assertThat(stack.statusReason()).isEqualTo("The following resource(s) failed to update: [Orders].");
        assertThat(stack.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("Stage", "prod", "RetentionDays", "14"));
        assertThat(stack.outputs()).containsExactlyEntriesOf(Map.of("OrdersTable", "app-Orders-1A2B3C4D5E6F"));
        assertThat(stack.tags()).containsExactlyEntriesOf(Map.of("caretaker:release", "1.3.2"));
        assertThat(stack.capabilities()).containsExactly("CAPABILITY_IAM");
    }

    @Test
    void describesNothing_whenStackDoesNotExist() {
        AWS.stubFor(action("DescribeStacks").willReturn(xml(400, error("ValidationError", "Stack with id app does not exist"))));

        assertThat(operations.describeStack("app")).isEmpty();
    }

    @Test
    void readsEventsSinceTheDeploymentStarted_oldestFirst_andStopsPagingAtOlderEvents() {
        AWS.stubFor(action("DescribeStackEvents").withRequestBody(formField("NextToken", "AAECAwQFBgcICQoLDA0ODw=="))
                .willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStackEvents-page2.xml"))));
        AWS.stubFor(action("DescribeStackEvents").atPriority(10)
                .willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStackEvents-page1.xml"))));

        List<StackEvent> events = operations.stackEventsSince("app", Instant.parse("2026-11-21T10:04:00Z"));

        assertThat(events).extracting(event -> event.logicalId() + " " + event.status()).containsExactly(
                "app UPDATE_IN_PROGRESS", "Orders UPDATE_IN_PROGRESS", "Orders UPDATE_COMPLETE", "Jobs UPDATE_IN_PROGRESS",
                "Jobs UPDATE_COMPLETE");
        assertThat(events.get(0).isStackEvent("app")).isTrue();
        assertThat(events.get(0).statusReason()).isEqualTo("User Initiated");
        assertThat(events).allSatisfy(event -> assertThat(event.clientRequestToken()).isEqualTo(CHANGE_SET + "-execute"));
        // Page 2 ends in older events: its NextToken (a third page) is never asked for.
        assertThat(sent("DescribeStackEvents")).extracting(fields -> fields.get("NextToken"))
                .containsExactly(null, "AAECAwQFBgcICQoLDA0ODw==");
    }

    @Test
    void continuesRollbackSkippingOnlyTheGivenResources_withAToken() {
        AWS.stubFor(action("ContinueUpdateRollback").willReturn(xml(200, WireFixtures.load("cloudformation/ContinueUpdateRollback.xml"))));

        operations.continueUpdateRollback("app", List.of("Orders", "Nested.Queue"), DEPLOYMENT, 1);

        assertThat(sent("ContinueUpdateRollback")).singleElement().satisfies(fields -> assertThat(fields)
                .containsEntry("StackName", "app")
                .containsEntry("ResourcesToSkip.member.1", "Orders")
                .containsEntry("ResourcesToSkip.member.2", "Nested.Queue")
                .containsEntry("ClientRequestToken", CHANGE_SET + "-continue-rollback-1"));
    }

    @Test
    void throwsValidationError_whenStackIsNotInUpdateRollbackFailed() {
        AWS.stubFor(action("ContinueUpdateRollback").willReturn(xml(400, error("ValidationError",
                "Stack app is in UPDATE_COMPLETE state and can not continue update rollback"))));

        assertThatThrownBy(() -> operations.continueUpdateRollback("app", List.of(), DEPLOYMENT, 1))
                .isInstanceOf(CloudFormationException.class).hasMessageContaining("can not continue update rollback");
    }

    @Test
    void summarisesTemplateParametersCapabilitiesAndMetadata_fromItsUrl() {
        AWS.stubFor(action("GetTemplateSummary").willReturn(xml(200, WireFixtures.load("cloudformation/GetTemplateSummary.xml"))));

        TemplateSummary summary = operations.templateSummary(
                new TemplateSource.Url("https://vendor-releases.s3.amazonaws.com/app/1.4.0/template.yaml"));

        assertThat(summary.parameters()).containsExactly(
                new DeclaredParameter("Stage", "String", null, false, null, List.of("dev", "staging", "prod")),
                new DeclaredParameter("RetentionDays", "Number", "14", false, null, List.of()));
        assertThat(summary.capabilities()).containsExactly("CAPABILITY_IAM");
        assertThat(summary.capabilitiesReason()).contains("AWS::IAM::Role");
        assertThat(summary.resourceTypes()).contains("AWS::DynamoDB::Table", "AWS::IAM::Role");
        assertThat(summary.metadata()).contains("Caretaker::Quotas");
        assertThat(sent("GetTemplateSummary").get(0))
                .containsEntry("TemplateURL", "https://vendor-releases.s3.amazonaws.com/app/1.4.0/template.yaml");
    }

    @Test
    void retriesThrottlingWithJitteredWaits_untilCloudFormationAnswers() {
        AWS.stubFor(action("ExecuteChangeSet").inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(xml(400, error("Throttling", "Rate exceeded"))).willSetStateTo("once"));
        AWS.stubFor(action("ExecuteChangeSet").inScenario("throttled").whenScenarioStateIs("once")
                .willReturn(xml(400, error("Throttling", "Rate exceeded"))).willSetStateTo("twice"));
        AWS.stubFor(action("ExecuteChangeSet").inScenario("throttled").whenScenarioStateIs("twice")
                .willReturn(xml(200, WireFixtures.load("cloudformation/ExecuteChangeSet.xml"))));

        operations.executeChangeSet("app", CHANGE_SET, DEPLOYMENT);

        assertThat(sent("ExecuteChangeSet")).hasSize(3)
                .extracting(fields -> fields.get("ClientRequestToken")).containsOnly(CHANGE_SET + "-execute");
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(500));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
    }

    @Test
    void givesUpAfterMaxAttempts_whenThrottlingPersists() {
        AWS.stubFor(action("DescribeStackEvents").willReturn(xml(400, error("Throttling", "Rate exceeded"))));

        assertThatThrownBy(() -> operations.stackEventsSince("app", Instant.EPOCH))
                .isInstanceOfSatisfying(CloudFormationException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling"));
        assertThat(sent("DescribeStackEvents")).hasSize(JitteredBackoff.CLOUDFORMATION.maxAttempts());
        assertThat(sleeps).hasSize(JitteredBackoff.CLOUDFORMATION.maxAttempts() - 1)
                .allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, JitteredBackoff.CLOUDFORMATION.cap()));
    }

    @Test
    void retriesThrottlingInEveryPage_whenPaginating() {
        AWS.stubFor(action("DescribeChangeSet").withRequestBody(formField("NextToken", "eyJwYWdlIjoyfQ==")).inScenario("page2")
                .whenScenarioStateIs(STARTED).willReturn(xml(400, error("Throttling", "Rate exceeded"))).willSetStateTo("ok"));
        AWS.stubFor(action("DescribeChangeSet").withRequestBody(formField("NextToken", "eyJwYWdlIjoyfQ==")).inScenario("page2")
                .whenScenarioStateIs("ok")
                .willReturn(xml(200, WireFixtures.load("cloudformation/DescribeChangeSet-page2.xml", Map.of("changeSet", CHANGE_SET)))));
        AWS.stubFor(action("DescribeChangeSet").atPriority(10)
                .willReturn(xml(200, WireFixtures.load("cloudformation/DescribeChangeSet-page1.xml", Map.of("changeSet", CHANGE_SET)))));

        assertThat(operations.describeChangeSet("app", CHANGE_SET).changes()).hasSize(4);
        assertThat(sent("DescribeChangeSet")).hasSize(3);
        assertThat(sleeps).hasSize(1);
    }
}
