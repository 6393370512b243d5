package dev.caretaker.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Authenticates a request to the Caretaker API by the headers it adds. */
@FunctionalInterface
public interface RequestSigner {

    /** The headers to send: the request's own plus whatever authenticates it. */
    Map<String, List<String>> headersFor(OutgoingRequest request);

    /**
     * For the local runtime and for webhooks: the local API has no IAM in front of it, and webhook
     * routes carry their own HMAC signature instead.
     */
    static RequestSigner unsigned() {
        return request -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            request.headers().forEach((name, value) -> headers.put(name, List.of(value)));
            return headers;
        };
    }
}
