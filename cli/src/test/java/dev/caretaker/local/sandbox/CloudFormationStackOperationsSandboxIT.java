package dev.caretaker.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.deployment.prerequisites.IamPermissionSimulator;
import dev.caretaker.deployment.prerequisites.ServiceQuotasQuotaReader;
import dev.caretaker.deployment.stack.ChangeSet;
import dev.caretaker.deployment.stack.ChangeSetRequest;
import dev.caretaker.deployment.stack.ChangeSetStatus;
import dev.caretaker.deployment.stack.ChangeSetType;
import dev.caretaker.deployment.stack.ChangeDetail;
import dev.caretaker.deployment.stack.CloudFormationStackOperations;
import dev.caretaker.deployment.stack.CloudFormationThrottlingRetry;
import dev.caretaker.deployment.stack.CreatedChangeSet;
import dev.caretaker.deployment.stack.JitteredBackoff;
import dev.caretaker.deployment.stack.RollbackTriggers;
import dev.caretaker.deployment.stack.StackDescription;
import dev.caretaker.deployment.stack.StackEvent;
import dev.caretaker.deployment.stack.TemplateSource;
import dev.caretaker.deployment.stack.TemplateSummary;
import dev.caretaker.local.LocalClients;
import dev.caretaker.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * The deployment worker's real CloudFormation adapter against the sandbox: a whole deployment,
 * call by call as the workflow makes them (create change set, describe every page, execute, read
 * the events since the start until the stack settles), a failed rollback continued past the
 * resource that cannot roll back, a rollback trigger, and the prerequisite adapters (IAM
 * simulation, service quotas). The adapter is used as it is; nothing here changes its behaviour.
 */
class CloudFormationStackOperationsSandboxIT {

    private static final String URL_1_5 = "https://vendor-releases.s3.eu-west-1.amazonaws.com/app/1.5.0/template.yaml";
    private static final String URL_1_6 = "https://vendor-releases.s3.eu-west-1.amazonaws.com/app/1.6.0/template.yaml";
    private static final Map<String, String> BUCKET = Map.of(URL_1_5, SandboxTemplates.RELEASE_1_5, URL_1_6, SandboxTemplates.RELEASE_1_6);
    private static final Set<String> SETTLED = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED",
            "UPDATE_ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_FAILED");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private SandboxAccount sandbox;
    private AwsClientFactory clients;
    private CloudFormationStackOperations operations;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void start(SandboxScenario scenario) {
        sandbox = new SandboxAccount(scenario, "eu-west-1", clock, url -> {
            String template = BUCKET.get(url);
            if (template == null) {
                throw new IllegalStateException("NoSuchKey " + url);
            }
            return template.getBytes(StandardCharsets.UTF_8);
        }).start();
        clients = LocalClients.at(sandbox.endpoint());
        operations = new CloudFormationStackOperations(clients.build(CloudFormationClient.builder(), "CLOUDFORMATION"),
                new CloudFormationThrottlingRetry(JitteredBackoff.CLOUDFORMATION, sleeps::add, new Random(7)));
    }

    private static ChangeSetRequest request(String deploymentId, String url, RollbackTriggers triggers) {
        return new ChangeSetRequest(deploymentId, "app", new TemplateSource.Url(url), Map.of("Stage", "prod"),
                Map.of("caretaker:release", url.contains("1.6.0") ? "1.6.0" : "1.5.0"), List.of(), triggers, null);
    }

    private ChangeSet ready(String changeSetName) {
        for (int i = 0; i < 10; i++) {
            ChangeSet described = operations.describeChangeSet("app", changeSetName);
            if (described.status() != ChangeSetStatus.PENDING) {
                return described;
            }
        }
        throw new AssertionError("change set " + changeSetName + " stayed pending");
    }

    /** Reads the events since {@code since} as the workflow's wait loop does, until the stack's last event settles it. */
    private List<StackEvent> followUntilSettled(Instant since) {
        for (int i = 0; i < 100; i++) {
            List<StackEvent> events = operations.stackEventsSince("app", since);
            StackEvent last = events.getLast();
            if (last.isStackEvent("app") && SETTLED.contains(last.status())) {
                return events;
            }
        }
        throw new AssertionError("stack app did not settle after 100 reads of its events");
    }

    private static List<String> lines(List<StackEvent> events) {
        return events.stream().map(event -> event.logicalId() + " " + event.status()).toList();
    }

    @Test
    void createsThenUpdatesTheStack_throughTheAdapter_everyPageReadAndEveryEventTokened() {
        start(SandboxScenario.empty());
        Instant since = clock.instant();

        CreatedChangeSet created = operations.createChangeSet(request("d1", URL_1_5, RollbackTriggers.none()));
        assertThat(created.type()).isEqualTo(ChangeSetType.CREATE);
        assertThat(operations.describeStack("app")).get().extracting(StackDescription::status).isEqualTo("REVIEW_IN_PROGRESS");
        assertThat(operations.createChangeSet(request("d1", URL_1_5, RollbackTriggers.none())))
                .as("a retried step finds the change set it made").isEqualTo(created);
        ChangeSet first = ready(created.changeSetName());
        assertThat(first.changes()).extracting(change -> change.action() + " " + change.logicalId())
                .containsExactly("ADD Orders", "ADD Logs", "ADD Uploads");
        operations.executeChangeSet("app", created.changeSetName(), "d1");

        List<StackEvent> createEvents = followUntilSettled(since);
        assertThat(createEvents.getLast().status()).isEqualTo("CREATE_COMPLETE");
        assertThat(createEvents).filteredOn(event -> !event.status().equals("REVIEW_IN_PROGRESS"))
                .allSatisfy(event -> assertThat(event.clientRequestToken()).isEqualTo("caretaker-d1-execute"));
        StackDescription stack = operations.describeStack("app").orElseThrow();
        assertThat(stack.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("Stage", "prod", "RetentionDays", "14"));
        assertThat(stack.tags()).containsEntry("caretaker:release", "1.5.0");
        assertThat(stack.outputs()).containsKeys("OrdersTable", "LogGroup");

        clock.advance(Duration.ofMinutes(1));
        Instant updateStarted = clock.instant();
        CreatedChangeSet update = operations.createChangeSet(request("d2", URL_1_6, RollbackTriggers.none()));
        ChangeSet proposed = ready(update.changeSetName());

        assertThat(update.type()).isEqualTo(ChangeSetType.UPDATE);
        assertThat(proposed.changes()).as("four changes on two pages").extracting(change -> change.action() + " " + change.logicalId()
                        + " " + change.replacement())
                .containsExactly("MODIFY Orders TRUE", "MODIFY Logs FALSE", "ADD Jobs NOT_APPLICABLE", "REMOVE Uploads NOT_APPLICABLE");
        assertThat(proposed.changes().getFirst().details())
                .contains(new ChangeDetail("Properties", "KeySchema", "Always", "DirectModification", "Static"));
        operations.executeChangeSet("app", update.changeSetName(), "d2");
        List<StackEvent> updateEvents = followUntilSettled(updateStarted);

        assertThat(updateEvents.getLast().status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(updateEvents).as("only this deployment's events").allSatisfy(event ->
                assertThat(event.clientRequestToken()).isEqualTo("caretaker-d2-execute"));
        assertThat(updateEvents.getFirst().statusReason()).isEqualTo("User Initiated");
        assertThat(operations.describeStack("app").orElseThrow().tags()).containsEntry("caretaker:release", "1.6.0");
        assertThat(sleeps).as("no throttling, no waits").isEmpty();
    }

    @Test
    void reportsNoChanges_andSummarisesTheTemplateFromItsUrl() {
        start(SandboxScenario.builder().stack(SandboxStack.deployed("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod"))
                .withTags(Map.of("caretaker:release", "1.5.0"))).build());

        CreatedChangeSet created = operations.createChangeSet(request("d3", URL_1_5, RollbackTriggers.none()));
        ChangeSet same = ready(created.changeSetName());
        TemplateSummary summary = operations.templateSummary(new TemplateSource.Url(URL_1_6));

        assertThat(same.status()).isEqualTo(ChangeSetStatus.NO_CHANGES);
        assertThat(same.changes()).isEmpty();
        assertThat(summary.parameters()).extracting(parameter -> parameter.key()).containsExactly("Stage", "RetentionDays");
        assertThat(summary.resourceTypes()).containsExactly("AWS::DynamoDB::Table", "AWS::Logs::LogGroup", "AWS::SQS::Queue");
        assertThat(summary.metadata()).isEqualTo("{\"Caretaker::Release\":\"1.6.0\"}");
        assertThat(summary.capabilities()).isEmpty();
    }

    @Test
    void continuesAFailedRollback_pastTheResourceThatCannotRollBack() {
        start(SandboxScenario.builder()
                .deployedStack("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod"))
                .deploymentFault(DeploymentFault.onStack("app").whenTemplateContains("release 1.6.0")
                        .resourceFails("Logs", "Resource handler returned message: \"Invalid retention\"")
                        .rollbackFails("Orders", "Resource handler returned message: \"Table is being deleted\""))
                .build());
        Instant since = clock.instant();
        CreatedChangeSet created = operations.createChangeSet(request("d4", URL_1_6, RollbackTriggers.none()));
        ready(created.changeSetName());
        operations.executeChangeSet("app", created.changeSetName(), "d4");

        List<StackEvent> failed = followUntilSettled(since);
        assertThat(failed.getLast().status()).isEqualTo("UPDATE_ROLLBACK_FAILED");
        assertThat(failed).filteredOn(event -> event.status().equals("UPDATE_FAILED")).extracting(StackEvent::logicalId)
                .containsExactly("Logs", "Orders");
        assertThat(operations.describeStack("app").orElseThrow().statusReason())
                .isEqualTo("The following resource(s) failed to update: [Orders].");

        clock.advance(Duration.ofMinutes(2));
        Instant recovery = clock.instant();
        operations.continueUpdateRollback("app", List.of("Orders"), "d4", 1);
        operations.continueUpdateRollback("app", List.of("Orders"), "d4", 1);
        List<StackEvent> recovered = followUntilSettled(recovery);

        assertThat(lines(recovered)).containsExactly("app UPDATE_ROLLBACK_IN_PROGRESS", "Orders UPDATE_COMPLETE",
                "app UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "app UPDATE_ROLLBACK_COMPLETE");
        assertThat(recovered.get(1).statusReason()).isEqualTo("Resource update skipped");
        assertThat(recovered).allSatisfy(event -> assertThat(event.clientRequestToken()).isEqualTo("caretaker-d4-continue-rollback-1"));
        assertThat(operations.describeStack("app").orElseThrow().status()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
    }

    @Test
    void rollsBackOnTheAlarmTheDeploymentNamesAsTrigger() {
        start(SandboxScenario.builder()
                .deployedStack("app", SandboxTemplates.RELEASE_1_5, Map.of("Stage", "prod"))
                .alarmRule(AlarmRule.alarm("app-5xx").whileStack("app").runsTemplateContaining("release 1.6.0"))
                .build());
        Instant since = clock.instant();
        CreatedChangeSet created = operations.createChangeSet(request("d5", URL_1_6,
                new RollbackTriggers(List.of("arn:aws:cloudwatch:eu-west-1:000000000000:alarm:app-5xx"), 5)));
        ready(created.changeSetName());
        operations.executeChangeSet("app", created.changeSetName(), "d5");

        List<StackEvent> events = followUntilSettled(since);

        assertThat(events.getLast().status()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(events).filteredOn(event -> event.status().equals("UPDATE_ROLLBACK_IN_PROGRESS")).singleElement()
                .satisfies(rollback -> assertThat(rollback.statusReason()).contains("alarm:app-5xx"));
    }

    @Test
    void answersThePrerequisiteAdapters_fromTheScenario() {
        start(SandboxScenario.builder().deniedAction("iam:CreateRole").serviceQuota("sqs", "L-4B5C6AB0", 120_000).build());

        Map<String, String> decisions = new IamPermissionSimulator(clients.build(IamClient.builder(), "IAM"))
                .decisions("arn:aws:iam::000000000000:role/deployer", List.of("dynamodb:CreateTable", "iam:CreateRole"));
        ServiceQuotasQuotaReader quotas = new ServiceQuotasQuotaReader(clients.build(ServiceQuotasClient.builder(), "SERVICE_QUOTAS"));

        assertThat(decisions).containsExactlyInAnyOrderEntriesOf(Map.of("dynamodb:CreateTable", "allowed", "iam:CreateRole", "implicitDeny"));
        assertThat(quotas.value("sqs", "L-4B5C6AB0")).isEqualTo(OptionalDouble.of(120_000));
        assertThat(quotas.value("sqs", "L-UNKNOWN")).isEmpty();
    }
}
