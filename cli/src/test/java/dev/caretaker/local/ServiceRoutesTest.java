package dev.caretaker.local;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.local.ServiceRoutes.Answerer.ENGINE;
import static dev.caretaker.local.ServiceRoutes.Answerer.EVENT_BUS;
import static dev.caretaker.local.ServiceRoutes.Answerer.LOCALSTACK;
import static dev.caretaker.local.ServiceRoutes.Answerer.REAL_ACCOUNT;
import static dev.caretaker.local.ServiceRoutes.Answerer.SANDBOX;
import static dev.caretaker.local.ServiceRoutes.Answerer.STAND_IN;
import static dev.caretaker.local.ServiceRoutes.Answerer.STEP_FUNCTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.local.engines.EngineEndpoints;
import dev.caretaker.local.support.LocalStackSupport;
import dev.caretaker.local.support.RecordedLocalStack;
import dev.caretaker.local.support.StandInSupport;
import dev.caretaker.local.support.SupportServices;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Which endpoint each service the functions call gets, in each backend; and that what runs must match it. */
class ServiceRoutesTest {

    private static final LocalAccount ACCOUNT = LocalClients.ACCOUNT;
    private static final URI BUS = URI.create("http://127.0.0.1:4010");
    private static final URI SANDBOX_ENDPOINT = URI.create("http://127.0.0.1:4020");
    private static final EngineEndpoints ENGINES = new EngineEndpoints(URI.create("http://127.0.0.1:4001"),
            URI.create("http://127.0.0.1:4002"), URI.create("http://127.0.0.1:4003"));
    private static final List<String> ACCOUNT_SERVICES =
            List.of("CLOUDFORMATION", "COST_EXPLORER", "STS", "CLOUDWATCH", "IAM", "SERVICE_QUOTAS", "KMS");

    @RegisterExtension
    static final WireMockExtension SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static LocalBackend localStack() {
        return new LocalBackend.LocalStack(URI.create(SERVER.baseUrl()));
    }

    private static LocalBackend aws() {
        return new LocalBackend.Aws("customer", new LocalBackend.ProfileFiles(Optional.empty(), Optional.empty()), List.of());
    }

    private static Map<String, ServiceRoutes.Answerer> table(ServiceRoutes.Answerer state, ServiceRoutes.Answerer support,
                                                             ServiceRoutes.Answerer account) {
        Map<String, ServiceRoutes.Answerer> table = new LinkedHashMap<>();
        List.of("DYNAMODB", "SQS", "S3").forEach(service -> table.put(service, state));
        List.of("SNS", "SECRETSMANAGER", "SSM").forEach(service -> table.put(service, support));
        ACCOUNT_SERVICES.forEach(service -> table.put(service, account));
        table.put("EVENTBRIDGE", EVENT_BUS);
        table.put("SFN", STEP_FUNCTIONS);
        return table;
    }

    private static AwsAccountAccess sandbox() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        ACCOUNT_SERVICES.forEach(service -> endpoints.put("AWS_ENDPOINT_URL_" + service, SANDBOX_ENDPOINT.toString()));
        return account(endpoints);
    }

    private static AwsAccountAccess account(Map<String, String> endpoints) {
        return new AwsAccountAccess(ACCOUNT.accountId(), ACCOUNT.region(), AwsAccountAccess.ACCOUNT_SERVICES, endpoints,
                LocalFunctionFactory.localCredentials(ACCOUNT), "test account");
    }

    private static SupportServices start(ServiceRoutes routes) {
        return routes.startSupportServices(ACCOUNT, Map.of("vendor", "s3cret"), Clock.systemUTC(), notification -> { },
                problem -> { });
    }

    private static Map<String, String> expected(Map<String, URI> byService) {
        Map<String, String> environment = new LinkedHashMap<>();
        byService.forEach((service, uri) -> environment.put("AWS_ENDPOINT_URL_" + service, uri.toString()));
        return environment;
    }

    @Test
    void sendsEverythingLocalStackRunsThere_andTheAccountsApisToTheSandbox_whenTheBackendIsLocalStack() {
        assertThat(ServiceRoutes.of(localStack()).table()).containsExactlyEntriesOf(table(LOCALSTACK, LOCALSTACK, SANDBOX));
    }

    @Test
    void sendsStateToTheEnginesAndSupportToTheStandIns_whenEmbedded_orAgainstARealAccount() {
        assertThat(ServiceRoutes.of(new LocalBackend.Embedded()).table()).containsExactlyEntriesOf(table(ENGINE, STAND_IN, SANDBOX));
        assertThat(ServiceRoutes.of(aws()).table()).containsExactlyEntriesOf(table(ENGINE, STAND_IN, REAL_ACCOUNT));
    }

    @Test
    void routesEveryServiceOfTheAccount_thatTheSandboxAnswersAndAProfileReaches() {
        assertThat(Set.copyOf(ServiceRoutes.ACCOUNT)).isEqualTo(AwsAccountAccess.ACCOUNT_SERVICES);
    }

    @Test
    void describesWhoAnswersWhat_forTheProgressOutputAndHelp() {
        ServiceRoutes routes = ServiceRoutes.of(localStack());

        // LocalCommand's --help names the same list; LocalCommandTest holds it to this wording.
        assertThat(routes.servicesOf(LOCALSTACK)).isEqualTo("DynamoDB, SQS, S3, SNS, Secrets Manager and SSM");
        assertThat(routes.describe()).isEqualTo("LocalStack at " + SERVER.baseUrl() + " for DynamoDB, SQS, S3, SNS, Secrets"
                + " Manager and SSM; the sandbox account for CloudFormation, Cost Explorer, STS, CloudWatch, IAM, Service Quotas"
                + " and KMS; the local event bus for EventBridge; the local state machine interpreter for Step Functions");
    }

    @Test
    void givesEveryFunctionLocalStacksEndpointForItsSixServices_andTheSandboxForTheAccount_whenTheBackendIsLocalStack() {
        RecordedLocalStack recorded = new RecordedLocalStack(SERVER);
        recorded.secretCreated();
        recorded.topicAndQueueCreated();
        URI endpoint = URI.create(SERVER.baseUrl());
        ServiceRoutes routes = ServiceRoutes.of(localStack());

        try (SupportServices support = start(routes)) {
            assertThat(support).isInstanceOf(LocalStackSupport.class);
            assertThat(support.webhookSecretId()).isEqualTo(RecordedLocalStack.SECRET_ARN);
            assertThat(support.topicArn()).isEqualTo(RecordedLocalStack.TOPIC_ARN);

            Map<String, URI> byService = new LinkedHashMap<>();
            List.of("DYNAMODB", "SQS", "S3", "SNS", "SECRETSMANAGER", "SSM").forEach(service -> byService.put(service, endpoint));
            ACCOUNT_SERVICES.forEach(service -> byService.put(service, SANDBOX_ENDPOINT));
            byService.put("EVENTBRIDGE", BUS);
            assertThat(routes.environment(new EngineEndpoints(endpoint, endpoint, endpoint), support, BUS, sandbox()))
                    .containsExactlyEntriesOf(expected(byService));
        }
        assertThat(recorded.target("secretsmanager.CreateSecret")).as("the secret was created in LocalStack").hasSize(1);
        assertThat(recorded.action("Subscribe")).as("the topic is read back from LocalStack").hasSize(1);
    }

    @Test
    void givesEveryFunctionTheEnginesAndTheStandIns_whichHoldTheWebhookSecret_whenEmbedded() {
        ServiceRoutes routes = ServiceRoutes.of(new LocalBackend.Embedded());

        try (SupportServices support = start(routes)) {
            assertThat(support).isInstanceOf(StandInSupport.class);
            Map<String, URI> byService = new LinkedHashMap<>();
            byService.put("DYNAMODB", ENGINES.dynamoDb());
            byService.put("SQS", ENGINES.sqs());
            byService.put("S3", ENGINES.s3());
            List.of("SNS", "SECRETSMANAGER", "SSM").forEach(service -> byService.put(service, support.endpoint()));
            ACCOUNT_SERVICES.forEach(service -> byService.put(service, SANDBOX_ENDPOINT));
            byService.put("EVENTBRIDGE", BUS);
            Map<String, String> environment = routes.environment(ENGINES, support, BUS, sandbox());

            assertThat(environment).containsExactlyEntriesOf(expected(byService));
            try (SecretsManagerClient secrets = LocalClients.at(URI.create(environment.get("AWS_ENDPOINT_URL_SECRETSMANAGER")))
                    .build(SecretsManagerClient.builder(), "SECRETSMANAGER")) {
                assertThat(secrets.getSecretValue(request -> request.secretId(support.webhookSecretId())).secretString())
                        .isEqualTo("{\"vendor\":\"s3cret\"}");
            }
        }
    }

    @Test
    void leavesTheAccountsApisToAws_whenTheRealAccountsProfileNamesNoEndpoint() {
        ServiceRoutes routes = ServiceRoutes.of(aws());

        try (SupportServices support = start(routes)) {
            Map<String, String> environment = routes.environment(ENGINES, support, BUS, account(Map.of()));

            assertThat(environment).doesNotContainKeys(ACCOUNT_SERVICES.stream().map(service -> "AWS_ENDPOINT_URL_" + service)
                    .toArray(String[]::new));
            assertThat(environment).containsEntry("AWS_ENDPOINT_URL_DYNAMODB", ENGINES.dynamoDb().toString())
                    .containsEntry("AWS_ENDPOINT_URL_SNS", support.endpoint().toString());
        }
    }

    @Test
    void refusesToWire_whatRunsElsewhereThanItsRouteSays() {
        ServiceRoutes localStackRoutes = ServiceRoutes.of(localStack());
        URI endpoint = URI.create(SERVER.baseUrl());
        ServiceRoutes embedded = ServiceRoutes.of(new LocalBackend.Embedded());

        try (SupportServices standIns = start(embedded)) {
            assertThatThrownBy(() -> localStackRoutes.environment(new EngineEndpoints(endpoint, endpoint, endpoint), standIns, BUS,
                    sandbox()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("SNS is routed to LocalStack, but what runs for it answers at " + standIns.endpoint());
            assertThatThrownBy(() -> localStackRoutes.environment(ENGINES, standIns, BUS, sandbox()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("DynamoDB is routed to LocalStack, but what runs for it answers at " + ENGINES.dynamoDb());
            assertThatThrownBy(() -> embedded.environment(ENGINES, standIns, BUS, account(Map.of())))
                    .as("an account API without an override would reach AWS itself")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("CloudFormation is routed to the sandbox account, but what runs for it answers at null");
        }
    }
}
