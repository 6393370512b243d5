package dev.caretaker.deployment.prerequisites;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** iam:SimulatePrincipalPolicy against recorded IAM responses (query protocol, XML). */
class IamPermissionSimulatorTest {

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String ROLE = "arn:aws:iam::123456789012:role/caretaker-deploy";

    private IamClient client;
    private IamPermissionSimulator simulator;

    @BeforeEach
    void connect() {
        client = WireClients.against(IamClient.builder(), AWS.baseUrl());
        simulator = new IamPermissionSimulator(client);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void readsEveryPageOfDecisions_whenResultsAreTruncated() {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Marker", "AAQ4dXNlcjE2OTkwMjY5OTc"))
                .willReturn(xml(200, WireFixtures.load("iam/SimulatePrincipalPolicy-page2.xml"))));
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "SimulatePrincipalPolicy")).atPriority(10)
                .willReturn(xml(200, WireFixtures.load("iam/SimulatePrincipalPolicy-page1.xml"))));

        Map<String, String> decisions = simulator.decisions(ROLE, List.of("dynamodb:CreateTable", "dynamodb:DeleteTable", "sqs:CreateQueue"));

        assertThat(decisions).containsExactly(Map.entry("dynamodb:CreateTable", "allowed"),
                Map.entry("dynamodb:DeleteTable", "explicitDeny"), Map.entry("sqs:CreateQueue", "implicitDeny"));
        List<Map<String, String>> sent = AWS.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .map(request -> QueryProtocol.fields(request.getBodyAsString())).toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).containsEntry("Action", "SimulatePrincipalPolicy").containsEntry("Version", "2010-05-08")
                .containsEntry("PolicySourceArn", ROLE)
                .containsEntry("ActionNames.member.1", "dynamodb:CreateTable")
                .containsEntry("ActionNames.member.3", "sqs:CreateQueue")
                .doesNotContainKey("Marker");
        assertThat(sent.get(1)).containsEntry("Marker", "AAQ4dXNlcjE2OTkwMjY5OTc");
    }

    @Test
    void throws_whenTheRoleDoesNotExist() {
        AWS.stubFor(post(urlEqualTo("/")).willReturn(xml(404, WireFixtures.load("iam/Error.xml", Map.of("code", "NoSuchEntity",
                "message", "The role with name caretaker-deploy cannot be found.")))));

        assertThatThrownBy(() -> simulator.decisions(ROLE, List.of("sqs:CreateQueue")))
                .isInstanceOf(NoSuchEntityException.class).hasMessageContaining("cannot be found");
    }
}
