package dev.caretaker.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.testing.QueryProtocol.formField;
import static dev.caretaker.testing.QueryProtocol.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.events.Severity;
import dev.caretaker.json.Json;
import dev.caretaker.testing.QueryProtocol;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/** SNS Publish on the wire: the query protocol, form-encoded {@code Action=Publish}, XML back. */
class SnsNotifierTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:caretaker-notifications";

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private SnsClient client;
    private SnsNotifier notifier;

    @BeforeEach
    void connect() {
        client = WireClients.against(SnsClient.builder(), AWS.baseUrl());
        notifier = new SnsNotifier(client, TOPIC);
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "Publish"))
                .willReturn(xml(200, WireFixtures.load("sns/Publish.xml"))));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static Notification drift(String subject) {
        return new Notification(Severity.WARNING, subject, "app-b has drifted: 1 resource(s) differ from the template",
                "drift-0b7c1f33c2b94a5e8d0e6a11", Map.of("source", "caretaker.drift", "region", "eu-west-1"));
    }

    /** The one Publish request sent, as decoded form fields. */
    private static Map<String, String> sent() {
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests = AWS.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(1);
        return QueryProtocol.fields(requests.get(0).getBodyAsString());
    }

    @Test
    void publishesToTopicWithSeverityPrefixedSubject_whenSending() {
        notifier.send(drift("DriftCheckCompleted: app-b"));

        Map<String, String> fields = sent();
        assertThat(fields).containsEntry("Action", "Publish")
                .containsEntry("Version", "2010-03-31")
                .containsEntry("TopicArn", TOPIC)
                .containsEntry("Subject", "[WARNING] DriftCheckCompleted: app-b");
    }

    @Test
    void sendsMessageAsJsonForPrograms_whenSending() throws Exception {
        notifier.send(drift("DriftCheckCompleted: app-b"));

        JsonNode message = Json.mapper().readTree(sent().get("Message"));
        assertThat(message.get("severity").asText()).isEqualTo("WARNING");
        assertThat(message.get("subject").asText()).isEqualTo("DriftCheckCompleted: app-b");
        assertThat(message.get("body").asText()).isEqualTo("app-b has drifted: 1 resource(s) differ from the template");
        assertThat(message.get("jobId").asText()).isEqualTo("drift-0b7c1f33c2b94a5e8d0e6a11");
        assertThat(message.get("facts").get("source").asText()).isEqualTo("caretaker.drift");
        assertThat(message.get("facts").get("region").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void addsSeverityMessageAttribute_soSubscriptionsCanFilterOnIt() {
        notifier.send(new Notification(Severity.CRITICAL, "BackupFailed", "no backup for 3 days", "backup-1", Map.of()));

        assertThat(sent()).containsEntry("MessageAttributes.entry.1.Name", "severity")
                .containsEntry("MessageAttributes.entry.1.Value.DataType", "String")
                .containsEntry("MessageAttributes.entry.1.Value.StringValue", "CRITICAL");
    }

    @Test
    void truncatesSubjectTo100Characters_whenSubjectIsLong() {
        String stack = "a-very-long-stack-name-" + "x".repeat(120);

        notifier.send(drift("DriftCheckCompleted: " + stack));

        String subject = sent().get("Subject");
        assertThat(subject).hasSize(100).startsWith("[WARNING] DriftCheckCompleted: a-very-long-stack-name-xxx").endsWith("x~");
    }

    @Test
    void keepsSubjectAsIs_whenItIsExactly100Characters() {
        String subject = "S".repeat(100 - "[WARNING] ".length());

        notifier.send(drift(subject));

        assertThat(sent().get("Subject")).isEqualTo("[WARNING] " + subject).hasSize(100);
    }

    @Test
    void replacesLineBreaksAndNonAsciiInSubject_becauseSnsRejectsThem() {
        notifier.send(drift("Déploiement\r\nterminé\tsur app-b"));

        assertThat(sent().get("Subject")).isEqualTo("[WARNING] D?ploiement termin? sur app-b")
                .matches("[\\x20-\\x7E]+");
    }

    @Test
    void throwsSnsError_whenTopicDoesNotExist() {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "Publish")).atPriority(1)
                .willReturn(xml(404, WireFixtures.load("sns/Error.xml",
                        Map.of("code", "NotFound", "message", "Topic does not exist")))));

        assertThatThrownBy(() -> notifier.send(drift("DriftCheckCompleted: app-b")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Topic does not exist");
        AWS.verify(1, postRequestedFor(urlEqualTo("/")));
    }
}
