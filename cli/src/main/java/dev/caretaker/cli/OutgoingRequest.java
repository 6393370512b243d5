package dev.caretaker.cli;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request as it will go on the wire, before any authentication is added: what a
 * {@link RequestSigner} signs and what {@link ApiClient} then sends, byte for byte.
 *
 * @param headers single-valued; names as given
 */
public record OutgoingRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public OutgoingRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body.clone();
    }

    /** A copy: the record must stay immutable even though arrays are not. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Leaves out headers and body: a webhook's signature header must not end up in a log or a failure message. */
    @Override
    public String toString() {
        return "OutgoingRequest[" + method + " " + uri + ", bodyBytes=" + body.length + "]";
    }
}
