package dev.caretaker.orchestrator.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.caretaker.testing.WireFixtures;

/**
 * Serves recorded AWS JSON-protocol responses (src/test/resources/wire/) to the real SDK clients.
 * All JSON-protocol operations are {@code POST /}, told apart by the X-Amz-Target header.
 */
public final class AwsWire {

    public static final String JSON_1_0 = "application/x-amz-json-1.0";
    public static final String JSON_1_1 = "application/x-amz-json-1.1";

    private AwsWire() {
    }

    public static MappingBuilder operation(String target) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    public static RequestPatternBuilder requestedOperation(String target) {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    /** A recorded response body from src/test/resources/wire/, with the status AWS sends it with. */
    public static ResponseDefinitionBuilder recorded(int status, String contentType, String resource) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", contentType)
                .withHeader("x-amzn-RequestId", "6f1c3c1e-0000-4000-8000-000000000000")
                .withBody(resource(resource));
    }

    public static String resource(String name) {
        return WireFixtures.load(name);
    }
}
