package dev.caretaker.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AWS query protocol (CloudFormation, SNS) as WireMock sees it: requests are
 * {@code POST /} with a form-encoded body ({@code Action=...&Version=...&Name.member.1=...}),
 * responses are XML.
 */
public final class QueryProtocol {

    private QueryProtocol() {
    }

    /**
     * Matches one field of the form body exactly, wherever it sits: fields are separated by '&'
     * but the last one has no trailing '&', so a plain "contains" would also match prefixes.
     */
    public static StringValuePattern formField(String name, String value) {
        return WireMock.matching("(?s)(.*&)?" + Pattern.quote(encode(name)) + "=" + Pattern.quote(encode(value)) + "(&.*)?");
    }

    /** The fields of a form-encoded body, decoded, in the order sent. */
    public static Map<String, String> fields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    public static ResponseDefinitionBuilder xml(int status, String body) {
        return WireMock.aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
    }

    /** The SDK percent-encodes per RFC 3986 (space as %20), URLEncoder uses '+' for space. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
