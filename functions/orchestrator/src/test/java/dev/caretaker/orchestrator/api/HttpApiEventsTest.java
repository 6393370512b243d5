package dev.caretaker.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiEventsTest {

    private static ObjectNode event(String json) throws Exception {
        return (ObjectNode) Json.mapper().readTree(json);
    }

    private static final String EVENT = """
            {
              "version": "2.0",
              "routeKey": "POST /webhooks/{source}",
              "rawPath": "/webhooks/caretaker",
              "rawQueryString": "stack=app&x=1&x=2",
              "headers": {"Content-Type": "application/json", "x-caretaker-delivery": "d-1"},
              "queryStringParameters": {"stack": "app", "x": "1,2"},
              "pathParameters": {"source": "caretaker"},
              "requestContext": {
                "http": {"method": "POST", "path": "/webhooks/caretaker", "protocol": "HTTP/1.1",
                         "sourceIp": "192.0.2.1", "userAgent": "curl/8"},
                "requestId": "Abc123=",
                "routeKey": "POST /webhooks/{source}",
                "stage": "$default"
              },
              "body": "{\\"event\\":\\"release.published\\"}",
              "isBase64Encoded": false
            }""";

    @Test
    void mapsEveryField_whenEventIsPayloadFormat2() throws Exception {
        HttpRequest request = HttpApiEvents.toRequest(event(EVENT));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/webhooks/caretaker");
        assertThat(request.routeKey()).isEqualTo("POST /webhooks/{source}");
        assertThat(request.pathParameters()).containsExactly(Map.entry("source", "caretaker"));
        assertThat(request.queryStringParameters()).containsEntry("stack", "app").containsEntry("x", "1,2");
        assertThat(request.headers()).containsEntry("content-type", "application/json");
        assertThat(request.header("X-Caretaker-Delivery")).contains("d-1");
        assertThat(request.bodyText()).isEqualTo("{\"event\":\"release.published\"}");
        assertThat(request.requestId()).isEqualTo("Abc123=");
        assertThat(request.caller()).isEmpty();
    }

    @Test
    void readsTheIamCaller_whenApiGatewayAuthorisedTheRequestWithIam() throws Exception {
        ObjectNode event = event(EVENT);
        ((ObjectNode) event.path("requestContext")).putObject("authorizer").putObject("iam")
                .put("accountId", "123456789012").put("userArn", "arn:aws:sts::123456789012:assumed-role/Ops/ana");

        HttpRequest request = HttpApiEvents.toRequest(event);

        assertThat(request.caller()).contains("arn:aws:sts::123456789012:assumed-role/Ops/ana");
    }

    @Test
    void decodesBody_whenItIsBase64Encoded() throws Exception {
        byte[] raw = {(byte) 0xff, 0x00, 0x7b, 0x7d};
        ObjectNode event = event(EVENT);
        event.put("body", Base64.getEncoder().encodeToString(raw));
        event.put("isBase64Encoded", true);

        HttpRequest request = HttpApiEvents.toRequest(event);

        assertThat(request.body()).containsExactly(raw);
        assertThat(request.bodyLength()).isEqualTo(4);
    }

    @Test
    void toleratesAbsentOptionalFields_whenApiGatewayOmitsThem() throws Exception {
        HttpRequest request = HttpApiEvents.toRequest(event("""
                {"version": "2.0", "routeKey": "$default", "rawPath": "/jobs",
                 "requestContext": {"http": {"method": "get"}, "requestId": "r"}}"""));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathParameters()).isEmpty();
        assertThat(request.queryStringParameters()).isEmpty();
        assertThat(request.headers()).isEmpty();
        assertThat(request.bodyLength()).isZero();
    }

    @Test
    void rejectsEvent_whenItIsNotAnHttpApiEvent() throws Exception {
        JsonNode restApiEvent = event("{\"httpMethod\": \"GET\", \"path\": \"/jobs\", \"requestContext\": {}}");

        assertThat(HttpApiEvents.isHttpApiEvent(restApiEvent)).isFalse();
        assertThatThrownBy(() -> HttpApiEvents.toRequest(restApiEvent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload 2.0");
    }

    @Test
    void rejectsBody_whenFlaggedBase64ButNotBase64() throws Exception {
        ObjectNode event = event(EVENT);
        event.put("isBase64Encoded", true);

        assertThatThrownBy(() -> HttpApiEvents.toRequest(event)).hasMessageContaining("isBase64Encoded");
    }

    @Test
    void writesResponseShape_whenApiGatewayReadsItBack() {
        JsonNode json = HttpApiEvents.toResponseJson(HttpResponse.badRequest("missing field release.version"));

        assertThat(json.path("statusCode").asInt()).isEqualTo(400);
        assertThat(json.path("headers").path("content-type").asText()).isEqualTo("application/json");
        assertThat(json.path("isBase64Encoded").asBoolean(true)).isFalse();
        assertThat(Json.read(json.path("body").asText(), new TypeReference<Map<String, Object>>() { }))
                .isEqualTo(Map.of("error", "bad_request", "message", "missing field release.version"));
    }

    @Test
    void hidesHeadersAndBody_whenRequestIsPrinted() throws Exception {
        ObjectNode event = event(EVENT);
        ((ObjectNode) event.path("headers")).put("x-caretaker-signature", "t=1,v1=deadbeef");

        String printed = HttpApiEvents.toRequest(event).toString();

        assertThat(printed).doesNotContain("deadbeef").doesNotContain("release.published").contains("/webhooks/caretaker");
    }

    @Test
    void keepsBodyImmutable_whenCallerChangesTheArray() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = new HttpRequest("POST", "/", null, null, null, null, body, "r");
        body[0] = 'x';
        request.body()[1] = 'y';

        assertThat(request.bodyText()).isEqualTo("{}");
    }
}
