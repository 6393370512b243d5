package dev.caretaker.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.testing.TestCredentials;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;

/** How every function builds its clients from its environment. */
class AwsClientFactoryTest {

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static AwsClientFactory factory(Map<String, String> variables) {
        return new AwsClientFactory(variables, TestCredentials.provider());
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void refusesToStart_whenNoRegionIsSet() {
        assertThatThrownBy(() -> factory(env()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("AWS_REGION is not set: Caretaker needs an explicit region");
    }

    @Test
    void usesAwsRegionOverTheDefault_whenBothAreSet() {
        assertThat(factory(env("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "us-east-1")).region()).isEqualTo(Region.EU_WEST_1);
        assertThat(factory(env("AWS_DEFAULT_REGION", "us-east-1")).region()).isEqualTo(Region.US_EAST_1);
    }

    @Test
    void prefersTheServiceEndpoint_overTheGeneralOne() {
        AwsClientFactory clients = factory(env("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000",
                "AWS_ENDPOINT_URL_SQS", " "));

        assertThat(clients.endpointFor("dynamodb")).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(clients.endpointFor("SQS")).as("a blank override falls back").contains(URI.create("http://127.0.0.1:4566"));
        assertThat(clients.endpointFor("S3")).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(factory(env("AWS_REGION", "eu-west-1")).endpointFor("S3")).isEmpty();
    }

    @Test
    void namesTheVariable_whenARequiredSettingIsMissingOrBlank() {
        AwsClientFactory clients = factory(env("AWS_REGION", "eu-west-1", "STATE_TABLE", "caretaker-state", "EVENT_BUS_NAME", " "));

        assertThat(clients.require("STATE_TABLE")).isEqualTo("caretaker-state");
        assertThatThrownBy(() -> clients.require("EVENT_BUS_NAME")).hasMessage("environment variable EVENT_BUS_NAME is not set");
        assertThatThrownBy(() -> clients.require("DRIFT_QUEUE_URL")).hasMessage("environment variable DRIFT_QUEUE_URL is not set");
        assertThat(clients.optional("EVENT_BUS_NAME", "default")).isEqualTo("default");
        assertThat(clients.optional("STATE_TABLE", "default")).isEqualTo("caretaker-state");
    }

    @Test
    void buildsOneClientPerService_whenAskedTwice() {
        AwsClientFactory clients = factory(env("AWS_REGION", "eu-west-1"));

        EventBridgeClient first = clients.build(EventBridgeClient.builder(), "EVENTBRIDGE");
        EventBridgeClient second = clients.build(EventBridgeClient.builder(), "eventbridge");

        assertThat(second).isSameAs(first);
    }

    @Test
    void sendsOneRequestOnly_whenMaxAttemptsIsOne() {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InternalException\",\"message\":\"Internal service error.\"}")));
        AwsClientFactory clients = factory(env("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_EVENTBRIDGE", AWS.baseUrl(),
                "AWS_MAX_ATTEMPTS", "1"));
        EventBridgeClient events = clients.build(EventBridgeClient.builder(), "EVENTBRIDGE");

        assertThatThrownBy(() -> events.putEvents(r -> r.entries(e -> e.source("caretaker.test").detailType("T").detail("{}"))))
                .isInstanceOf(EventBridgeException.class);
        AWS.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void keepsCallersInterceptors_whenAddingItsOwnSettings() {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Entries\":[{\"EventId\":\"1\"}],\"FailedEntryCount\":0}")));
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor counter =
                new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        seen.incrementAndGet();
                    }
                };
        AwsClientFactory clients = factory(env("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", AWS.baseUrl(),
                "AWS_MAX_ATTEMPTS", "1"));
        EventBridgeClient events = clients.build(EventBridgeClient.builder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter)), "EVENTBRIDGE");

        events.putEvents(r -> r.entries(e -> e.source("caretaker.test").detailType("T").detail("{}")));

        assertThat(seen).hasValue(1);
    }

    @Test
    void retriesUpToMaxAttempts_whenServiceKeepsFailing() {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InternalException\",\"message\":\"Internal service error.\"}")));
        AwsClientFactory clients = factory(env("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", AWS.baseUrl(),
                "AWS_MAX_ATTEMPTS", " 2 "));
        EventBridgeClient events = clients.build(EventBridgeClient.builder(), "EVENTBRIDGE");

        assertThatThrownBy(() -> events.putEvents(r -> r.entries(e -> e.source("caretaker.test").detailType("T").detail("{}"))))
                .isInstanceOf(EventBridgeException.class);
        AWS.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void keepsTheCallersRetrySettings_whenMaxAttemptsIsAlsoSet() {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InternalException\",\"message\":\"Internal service error.\"}")));
        AwsClientFactory clients = factory(env("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", AWS.baseUrl(),
                "AWS_MAX_ATTEMPTS", "3"));
        // As the drift worker builds its CloudFormation client: it retries through its rate budget, never in the SDK.
        EventBridgeClient events = clients.build(EventBridgeClient.builder()
                .overrideConfiguration(o -> o.retryStrategy(strategy -> strategy.maxAttempts(1))), "EVENTBRIDGE");

        assertThatThrownBy(() -> events.putEvents(r -> r.entries(e -> e.source("caretaker.test").detailType("T").detail("{}"))))
                .isInstanceOf(EventBridgeException.class);
        AWS.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void saysWhatIsWrong_whenMaxAttemptsIsNotANumber() {
        AwsClientFactory clients = factory(env("AWS_REGION", "eu-west-1", "AWS_MAX_ATTEMPTS", "three"));

        assertThatThrownBy(() -> clients.build(EventBridgeClient.builder(), "EVENTBRIDGE"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("AWS_MAX_ATTEMPTS must be a whole number, was 'three'");
    }

    @Test
    void signsEachServiceWithItsOwnCredentials_whenGivenPerService() {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Entries\":[{\"EventId\":\"1\"}],\"FailedEntryCount\":0}")));
        AwsCredentialsProvider account = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDACCOUNT", "s"));
        AwsCredentialsProvider local = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s"));
        AwsClientFactory clients = AwsClientFactory.withCredentialsPerService(env("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", AWS.baseUrl()), service -> service.equals("EVENTBRIDGE") ? account : local);

        clients.build(EventBridgeClient.builder(), "eventbridge")
                .putEvents(r -> r.entries(e -> e.source("caretaker.test").detailType("T").detail("{}")));

        AWS.verify(postRequestedFor(urlEqualTo("/")).withHeader("Authorization", containing("Credential=AKIDACCOUNT/")));
    }
}
