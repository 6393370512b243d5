package dev.caretaker.deployment.health;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.testing.QueryProtocol.formField;
import static dev.caretaker.testing.QueryProtocol.xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.testing.QueryProtocol;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The real CloudWatch client against a recorded DescribeAlarms answer (query protocol). */
class CloudWatchAlarmStatesTest {

    private static final String FIVE_XX = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:app-5xx";
    private static final String LATENCY = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:app-latency";
    private static final String GONE = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:app-gone";

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private AlarmStates alarms() {
        return new CloudWatchAlarmStates(WireClients.against(CloudWatchClient.builder(), AWS.baseUrl()));
    }

    @Test
    void asksForTheAlarmsByName_andKeysTheirStatesByArn() {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "DescribeAlarms"))
                .willReturn(xml(200, WireFixtures.load("cloudwatch/DescribeAlarms.xml"))));

        Map<String, AlarmStates.AlarmState> states = alarms().states(List.of(FIVE_XX, LATENCY, GONE));

        assertThat(states).containsOnlyKeys(FIVE_XX, LATENCY);
        assertThat(states.get(FIVE_XX).firing()).isTrue();
        assertThat(states.get(FIVE_XX).reason()).startsWith("Threshold Crossed: 1 datapoint");
        assertThat(states.get(LATENCY).value()).isEqualTo("OK");
        assertThat(AWS.findAll(postRequestedFor(urlEqualTo("/")))).singleElement().satisfies(request ->
                assertThat(QueryProtocol.fields(request.getBodyAsString()))
                        .containsEntry("AlarmNames.member.1", "app-5xx")
                        .containsEntry("AlarmNames.member.2", "app-latency")
                        .containsEntry("AlarmNames.member.3", "app-gone"));
    }

    @Test
    void callsNothing_whenNoAlarmsAreConfigured() {
        assertThat(alarms().states(List.of())).isEmpty();
        assertThat(AWS.findAll(postRequestedFor(urlEqualTo("/")))).isEmpty();
    }
}
