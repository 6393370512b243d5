package dev.caretaker.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.testing.QueryProtocol.formField;
import static dev.caretaker.testing.QueryProtocol.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.testing.QueryProtocol;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/** DescribeStacks against recorded CloudFormation responses (query protocol). */
class CloudFormationStackInspectorTest {

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private CloudFormationClient client;
    private CloudFormationStackInspector inspector;

    @BeforeEach
    void connect() {
        client = WireClients.against(CloudFormationClient.builder(), AWS.baseUrl());
        inspector = new CloudFormationStackInspector(client);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static void describeStacksAnswers(int status, String body) {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "DescribeStacks")).willReturn(xml(status, body)));
    }

    @Test
    void reportsPresentStackWithItsStatus_whenStackExists() {
        describeStacksAnswers(200, WireFixtures.load("cloudformation/DescribeStacks.xml",
                Map.of("stack", "app", "status", "UPDATE_COMPLETE")));

        StackState state = inspector.inspect("app");

        assertThat(state).isEqualTo(new StackState.Present("UPDATE_COMPLETE"));
        Map<String, String> sent = QueryProtocol.fields(AWS.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getBodyAsString());
        assertThat(sent).containsEntry("Action", "DescribeStacks").containsEntry("Version", "2010-05-15")
                .containsEntry("StackName", "app");
    }

    @Test
    void keepsStatusCloudFormationDoesNotYetDocument_whenStatusIsNew() {
        describeStacksAnswers(200, WireFixtures.load("cloudformation/DescribeStacks.xml",
                Map.of("stack", "app", "status", "SOMETHING_NEW_IN_PROGRESS")));

        assertThat(inspector.inspect("app")).isEqualTo(new StackState.Present("SOMETHING_NEW_IN_PROGRESS"));
    }

    @Test
    void reportsAbsent_whenCloudFormationSaysTheStackDoesNotExist() {
        describeStacksAnswers(400, WireFixtures.load("cloudformation/Error.xml", Map.of("code", "ValidationError",
                "message", "Stack with id app does not exist")));

        assertThat(inspector.inspect("app")).isEqualTo(new StackState.Absent());
        AWS.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(formField("StackName", "app")));
    }

    @Test
    void rethrows_whenAnyOtherErrorComesBack() {
        describeStacksAnswers(403, WireFixtures.load("cloudformation/Error.xml", Map.of("code", "AccessDenied",
                "message", "User: arn:aws:sts::123456789012:assumed-role/deployer is not authorized to perform: cloudformation:DescribeStacks")));

        assertThatThrownBy(() -> inspector.inspect("app"))
                .isInstanceOfSatisfying(CloudFormationException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"))
                .hasMessageContaining("not authorized");
    }

    @Test
    void rethrows_whenAValidationErrorIsNotAboutAMissingStack() {
        describeStacksAnswers(400, WireFixtures.load("cloudformation/Error.xml", Map.of("code", "ValidationError",
                "message", "1 validation error detected: Value 'bad name!' at 'stackName' failed to satisfy constraint")));

        assertThatThrownBy(() -> inspector.inspect("bad name!"))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageContaining("failed to satisfy constraint");
    }
}
