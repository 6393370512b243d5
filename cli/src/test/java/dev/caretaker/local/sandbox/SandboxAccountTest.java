package dev.caretaker.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.cost.CostExplorerCostSource;
import dev.caretaker.cost.CostPeriod;
import dev.caretaker.cost.CostSource;
import dev.caretaker.cost.ServiceCost;
import dev.caretaker.deployment.stack.CloudFormationStackOperations;
import dev.caretaker.deployment.stack.CloudFormationThrottlingRetry;
import dev.caretaker.deployment.stack.JitteredBackoff;
import dev.caretaker.drift.Sleeper;
import dev.caretaker.drift.budget.RateBudget;
import dev.caretaker.drift.detect.CloudFormationDriftDetector;
import dev.caretaker.drift.detect.DetectionPolicy;
import dev.caretaker.drift.detect.DriftDetector;
import dev.caretaker.drift.report.ResourceDrift;
import dev.caretaker.drift.report.ResourceStatus;
import dev.caretaker.drift.report.StackDrift;
import dev.caretaker.local.LocalClients;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDrift;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDriftStatus;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostExplorerException;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.LimitExceededException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class SandboxAccountTest {

    private static final Instant NOW = Instant.parse("2026-11-21T03:00:07Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-21");

    private SandboxAccount sandbox;
    private AwsClientFactory clients;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static SandboxScenario.Builder twoStacks() {
        return SandboxScenario.builder()
                .stack("app-web", "UPDATE_COMPLETE",
                        SandboxResource.inSync("Service", "AWS::ECS::Service", "app-web-service"),
                        SandboxResource.inSync("Logs", "AWS::Logs::LogGroup", "/app/web"))
                .stack("app-data", "UPDATE_COMPLETE",
                        SandboxResource.modified("Bucket", "AWS::S3::Bucket", "app-data-bucket-1q2w3e",
                                List.of(new InjectedDrift.Difference("/VersioningConfiguration/Status", "Enabled", "Suspended"))),
                        SandboxResource.deleted("Alarm", "AWS::CloudWatch::Alarm", "app-data-errors"),
                        SandboxResource.inSync("Table", "AWS::DynamoDB::Table", "app-data-table"));
    }

    private void start(SandboxScenario scenario) {
        sandbox = new SandboxAccount(scenario, "eu-west-1", Clock.fixed(NOW, ZoneOffset.UTC)).start();
        clients = LocalClients.at(sandbox.endpoint());
    }

    private CloudFormationClient cloudFormation() {
        return clients.build(CloudFormationClient.builder(), "CLOUDFORMATION");
    }

    /** The real detector, retrying nothing itself, so what the sandbox answers is what the test sees. */
    private CloudFormationDriftDetector detector(CloudFormationClient client, Sleeper sleeper) {
        return new CloudFormationDriftDetector(client, RateBudget.unlimited(), sleeper, Clock.fixed(NOW, ZoneOffset.UTC),
                new DetectionPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 0, Duration.ofSeconds(1), 1));
    }

    private static List<String> drifted(StackDrift stack) {
        return stack.resources().stream().filter(resource -> resource.status().drifted()).map(ResourceDrift::logicalId).toList();
    }

    private CostExplorerClient costExplorer() {
        return clients.build(CostExplorerClient.builder(), "COST_EXPLORER");
    }

    /** The deployment worker's CloudFormation adapter, without its throttling retry so injected failures show. */
    private CloudFormationStackOperations stackOperations() {
        return new CloudFormationStackOperations(cloudFormation(), new CloudFormationThrottlingRetry(
                new JitteredBackoff(1, Duration.ZERO, Duration.ZERO), duration -> { }, RandomGenerator.getDefault()));
    }

    @Test
    void reportsTheInjectedDrift_whenTheRealDriftDetectorChecksADriftedStack() throws InterruptedException {
        start(twoStacks().build());

        StackDrift report = detector(cloudFormation(), duration -> { }).detect("app-data", Duration.ofMinutes(4)).root();

        assertThat(report.resources()).extracting(ResourceDrift::logicalId, ResourceDrift::type, ResourceDrift::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Bucket", "AWS::S3::Bucket", ResourceStatus.MODIFIED),
                        org.assertj.core.groups.Tuple.tuple("Alarm", "AWS::CloudWatch::Alarm", ResourceStatus.DELETED),
                        org.assertj.core.groups.Tuple.tuple("Table", "AWS::DynamoDB::Table", ResourceStatus.IN_SYNC));
        assertThat(report.resources().getFirst().differences()).singleElement()
                .satisfies(difference -> assertThat(difference.actual().textValue()).isEqualTo("Suspended"));
    }

    @Test
    void reportsInSync_whenNoResourceOfTheStackDrifted() throws InterruptedException {
        start(twoStacks().build());

        StackDrift report = detector(cloudFormation(), duration -> { }).detect("app-web", Duration.ofMinutes(4)).root();

        assertThat(drifted(report)).isEmpty();
        assertThat(report.partial()).isFalse();
    }

    @Test
    void keepsDetectionInProgressForTheScriptedPolls_whenTheScenarioAsksForThem() throws InterruptedException {
        start(twoStacks().detectionPolls(3).build());
        List<Duration> waits = new ArrayList<>();

        StackDrift report = detector(cloudFormation(), waits::add).detect("app-data", Duration.ofMinutes(4)).root();

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(drifted(report)).isNotEmpty();
    }

    @Test
    void answersTheMissingStackError_whenTheStackIsNotInTheScenario() {
        start(twoStacks().build());

        assertThatThrownBy(() -> detector(cloudFormation(), duration -> { }).detect("app-gone", Duration.ofMinutes(4)))
                .isInstanceOf(DriftDetector.StackNotFound.class)
                .hasMessage("stack app-gone does not exist");
        assertThat(stackOperations().describeStack("app-gone")).isEmpty();
    }

    @Test
    void followsTheNestedStack_whenTheRealDetectorChecksItsParent() throws InterruptedException {
        start(SandboxScenario.builder()
                .stack("billing", "UPDATE_COMPLETE", SandboxResource.nestedStack("Network", "billing-network"))
                .stack("billing-network", "UPDATE_COMPLETE", SandboxResource.modified("Sg", "AWS::EC2::SecurityGroup", "sg-1",
                        List.of(InjectedDrift.Difference.added("/SecurityGroupIngress/1", "{\"CidrIp\":\"0.0.0.0/0\"}"))))
                .build());

        List<StackDrift> stacks = detector(cloudFormation(), duration -> { }).detect("billing", Duration.ofMinutes(4)).stacks();

        assertThat(stacks).extracting(StackDrift::stack).containsExactly("billing", "billing-network");
        assertThat(stacks.get(0).resources()).as("the nested stack is a stack of its own, not a resource line").isEmpty();
        assertThat(stacks.get(1).parent()).contains("billing");
        assertThat(stacks.get(1).resources()).singleElement().satisfies(sg -> {
            assertThat(sg.differences().getFirst().type().name()).isEqualTo("ADD");
            assertThat(sg.differences().getFirst().actual().path("CidrIp").asText()).isEqualTo("0.0.0.0/0");
        });
    }

    @Test
    void answersOneResourcesDrift_whenAskedWithDetectStackResourceDrift() {
        start(twoStacks().build());

        StackResourceDrift bucket = cloudFormation().detectStackResourceDrift(r -> r.stackName("app-data").logicalResourceId("Bucket"))
                .stackResourceDrift();

        assertThat(bucket.stackResourceDriftStatus()).isEqualTo(StackResourceDriftStatus.MODIFIED);
        assertThat(bucket.propertyDifferences()).singleElement()
                .satisfies(difference -> assertThat(difference.propertyPath()).isEqualTo("/VersioningConfiguration/Status"));
    }

    @Test
    void throttlesCallsBeyondItsRateLimit_andCountsThem() {
        start(twoStacks().cloudFormationCallsPerSecond(2).build());
        CloudFormationClient client = cloudFormation();
        client.describeStacks();
        client.describeStacks();

        assertThatThrownBy(client::describeStacks).isInstanceOfSatisfying(CloudFormationException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling"));
        assertThat(sandbox.throttledByRateLimit()).isEqualTo(1);
    }

    @Test
    void givesTheStackStatus_whenTheDeploymentAdapterAsks() {
        start(SandboxScenario.builder().stack("app-web", "UPDATE_ROLLBACK_FAILED").build());

        assertThat(stackOperations().describeStack("app-web")).hasValueSatisfying(stack ->
                assertThat(stack.status()).isEqualTo("UPDATE_ROLLBACK_FAILED"));
    }

    @Test
    void labelsStacksAsSandboxAndShowsTheLastDetection_whenDescribingThem() throws InterruptedException {
        start(twoStacks().build());
        CloudFormationClient client = cloudFormation();
        detector(client, duration -> { }).detect("app-data", Duration.ofMinutes(4));

        var stacks = client.describeStacks().stacks();

        assertThat(stacks).extracting(stack -> stack.stackName()).containsExactly("app-web", "app-data");
        assertThat(stacks.get(0).stackId()).startsWith("arn:aws:cloudformation:eu-west-1:000000000000:stack/app-web/");
        assertThat(stacks.get(0).description()).startsWith("Caretaker sandbox stack");
        assertThat(stacks.get(0).tags()).anySatisfy(tag -> assertThat(tag.key()).isEqualTo("caretaker:sandbox"));
        assertThat(stacks.get(0).driftInformation().stackDriftStatusAsString()).isEqualTo("NOT_CHECKED");
        assertThat(stacks.get(1).driftInformation().stackDriftStatusAsString()).isEqualTo("DRIFTED");
        assertThat(stacks.get(1).driftInformation().lastCheckTimestamp()).isEqualTo(NOW);
    }

    @Test
    void pagesResourceDriftsAndAppliesFilters_whenAskedForOnePerPage() throws InterruptedException {
        start(twoStacks().build());
        CloudFormationClient client = cloudFormation();
        detector(client, duration -> { }).detect("app-data", Duration.ofMinutes(4));

        List<StackResourceDrift> all = new ArrayList<>();
        client.describeStackResourceDriftsPaginator(r -> r.stackName("app-data").maxResults(1))
                .forEach(page -> all.addAll(page.stackResourceDrifts()));
        List<StackResourceDrift> modified = client.describeStackResourceDrifts(r -> r.stackName("app-data")
                .stackResourceDriftStatusFilters(StackResourceDriftStatus.MODIFIED)).stackResourceDrifts();

        assertThat(all).extracting(StackResourceDrift::logicalResourceId).containsExactly("Bucket", "Alarm", "Table");
        assertThat(modified).singleElement().satisfies(bucket -> {
            assertThat(bucket.expectedProperties()).isEqualTo("{\"VersioningConfiguration\":{\"Status\":\"Enabled\"}}");
            assertThat(bucket.actualProperties()).isEqualTo("{\"VersioningConfiguration\":{\"Status\":\"Suspended\"}}");
            assertThat(bucket.propertyDifferences()).singleElement().satisfies(difference -> {
                assertThat(difference.propertyPath()).isEqualTo("/VersioningConfiguration/Status");
                assertThat(difference.actualValue()).isEqualTo("Suspended");
            });
        });
    }

    @Test
    void throttlesTheScriptedStackOnly_whenAFailureIsInjectedForIt() throws InterruptedException {
        start(twoStacks().failing("DetectStackDrift", "app-data", InjectedFailure.Kind.THROTTLING, 2).build());
        CloudFormationDriftDetector detector = detector(cloudFormation(), duration -> { });

        assertThat(drifted(detector.detect("app-web", Duration.ofMinutes(4)).root())).isEmpty();
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> detector.detect("app-data", Duration.ofMinutes(4)))
                    .isInstanceOf(CloudFormationException.class)
                    .hasMessageStartingWith("Rate exceeded")
                    .satisfies(e -> {
                        CloudFormationException error = (CloudFormationException) e;
                        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                        assertThat(error.statusCode()).isEqualTo(400);
                        assertThat(error.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(SandboxAccount.HEADER)).contains("true");
                    });
        }
        assertThat(drifted(detector.detect("app-data", Duration.ofMinutes(4)).root())).as("the third attempt goes through").isNotEmpty();
    }

    @Test
    void failsWithAServerError_whenAnInternalFailureIsInjected() {
        start(twoStacks().failing("DescribeStacks", InjectedFailure.Kind.INTERNAL_ERROR).build());

        assertThatThrownBy(() -> stackOperations().describeStack("app-web"))
                .isInstanceOf(CloudFormationException.class)
                .satisfies(e -> assertThat(((CloudFormationException) e).statusCode()).isEqualTo(500));
    }

    @Test
    void refusesNamingTheAction_whenCloudFormationIsAskedForSomethingNotImplemented() {
        start(twoStacks().build());

        assertThatThrownBy(() -> cloudFormation().listStackResources(r -> r.stackName("app-web")))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageStartingWith("the Caretaker sandbox does not implement CloudFormation ListStackResources");
    }

    @Test
    void sumsDailyCostsByService_whenTheRealCostSourceAsksForMonthToDate() {
        start(SandboxScenario.builder()
                .dailyCost(TODAY.minusDays(2), "AWS Lambda", "0.21")
                .dailyCost(TODAY.minusDays(1), "AWS Lambda", "0.2113870125")
                .dailyCost(TODAY.minusDays(1), "Amazon DynamoDB", "0.0871")
                .dailyCost(TODAY, "AWS Lambda", "9.99")
                .dailyCost(TODAY.minusMonths(1), "AWS Key Management Service", "1")
                .build());

        CostSource.Costs costs = new CostExplorerCostSource(costExplorer()).costByService(CostPeriod.monthToDate(TODAY));

        assertThat(costs.services()).containsExactly(
                new ServiceCost("AWS Lambda", new BigDecimal("0.4213870125"), "USD"),
                new ServiceCost("Amazon DynamoDB", new BigDecimal("0.0871"), "USD"));
        assertThat(costs.paidRequests()).isEqualTo(1);
    }

    @Test
    void pagesGroups_whenTheScenarioLimitsThePageSize() {
        start(SandboxScenario.builder()
                .dailyCost(TODAY.minusDays(1), "AWS Lambda", "0.42")
                .dailyCost(TODAY.minusDays(1), "Amazon DynamoDB", "0.08")
                .dailyCost(TODAY.minusDays(1), "Amazon Simple Storage Service", "0.01")
                .costGroupsPerPage(2)
                .build());

        CostSource.Costs costs = new CostExplorerCostSource(costExplorer()).costByService(CostPeriod.monthToDate(TODAY));

        assertThat(costs.services()).extracting(ServiceCost::service)
                .containsExactly("AWS Lambda", "Amazon DynamoDB", "Amazon Simple Storage Service");
        assertThat(costs.paidRequests()).isEqualTo(2);
        assertThat(sandbox.calls()).filteredOn(call -> call.operation().equals("GetCostAndUsage")).hasSize(2);
    }

    @Test
    void answersOneResultPerDay_whenAskedForDailyTotals() {
        start(SandboxScenario.builder()
                .dailyCost(TODAY.minusDays(2), "AWS Lambda", "0.10")
                .dailyCost(TODAY.minusDays(2), "Amazon DynamoDB", "0.05")
                .build());

        var results = costExplorer().getCostAndUsage(r -> r.timePeriod(p -> p.start(TODAY.minusDays(2).toString()).end(TODAY.toString()))
                .granularity(Granularity.DAILY).metrics("UnblendedCost")).resultsByTime();

        assertThat(results).hasSize(2);
        assertThat(results.get(0).total().get("UnblendedCost").amount()).isEqualTo("0.15");
        assertThat(results.get(1).total().get("UnblendedCost").amount()).isEqualTo("0");
        assertThat(results.get(0).estimated()).isFalse();
    }

    @Test
    void refusesWhatItCannotAnswerTruthfully_whenAFilterOrOtherMetricIsAsked() {
        start(SandboxScenario.empty());

        assertThatThrownBy(() -> costExplorer().getCostAndUsage(r -> r.timePeriod(p -> p.start("2026-11-01").end("2026-11-21"))
                .granularity(Granularity.MONTHLY).metrics("UnblendedCost")
                .filter(f -> f.dimensions(d -> d.key("SERVICE").values("AWS Lambda")))))
                .isInstanceOf(CostExplorerException.class)
                .hasMessageStartingWith("the Caretaker sandbox does not support Filter in GetCostAndUsage");
        assertThatThrownBy(() -> costExplorer().getCostAndUsage(r -> r.timePeriod(p -> p.start("2026-11-01").end("2026-11-21"))
                .granularity(Granularity.MONTHLY).metrics("BlendedCost")))
                .isInstanceOf(CostExplorerException.class)
                .hasMessageStartingWith("the Caretaker sandbox answers the metric UnblendedCost only, not [BlendedCost]");
    }

    @Test
    void throttlesCostExplorer_whenAFailureIsInjected() {
        start(SandboxScenario.builder().failing("GetCostAndUsage", InjectedFailure.Kind.THROTTLING).build());

        assertThatThrownBy(() -> new CostExplorerCostSource(costExplorer()).costByService(CostPeriod.monthToDate(TODAY)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("Rate exceeded");
    }

    @Test
    void saysTheCallerIsTheSandboxAccount_whenStsIsAsked() {
        start(SandboxScenario.empty());

        GetCallerIdentityResponse identity = clients.build(StsClient.builder(), "STS").getCallerIdentity();

        assertThat(identity.account()).isEqualTo("000000000000");
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::000000000000:user/caretaker-sandbox");
        assertSandboxHeader(identity);
    }

    @Test
    void marksEveryResponseAsFromTheSandbox_andRecordsEachCall() throws Exception {
        start(twoStacks().build());

        assertSandboxHeader(cloudFormation().describeStacks(r -> r.stackName("app-web")));
        assertSandboxHeader(costExplorer().getCostAndUsage(r -> r.timePeriod(p -> p.start("2026-11-01").end("2026-11-21"))
                .granularity(Granularity.MONTHLY).metrics("UnblendedCost")));
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues&Version=2012-11-05")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue(SandboxAccount.HEADER)).contains("true");
        assertThat(unknown.body()).contains("not Action=ListQueues Version=2012-11-05");
        assertThat(sandbox.calls()).containsExactly(
                new SandboxCall("cloudformation", "DescribeStacks", 200),
                new SandboxCall("costexplorer", "GetCostAndUsage", 200),
                new SandboxCall("unknown", "ListQueues", 400));
    }

    @Test
    void leavesNothingListening_whenClosed() {
        start(SandboxScenario.empty());
        URI endpoint = sandbox.endpoint();

        sandbox.close();

        assertThatThrownBy(() -> new Socket(endpoint.getHost(), endpoint.getPort()).close()).isInstanceOf(ConnectException.class);
    }

    private static void assertSandboxHeader(AwsResponse response) {
        assertThat(response.sdkHttpResponse().firstMatchingHeader(SandboxAccount.HEADER)).contains("true");
    }
}
