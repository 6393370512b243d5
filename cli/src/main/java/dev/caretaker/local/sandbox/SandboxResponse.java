package dev.caretaker.local.sandbox;

/** What the sandbox answers one request with, before the common headers are added. */
record SandboxResponse(int status, String contentType, String body) {

    static final String XML = "text/xml";
    static final String JSON_1_1 = "application/x-amz-json-1.1";

    static SandboxResponse xml(int status, String body) {
        return new SandboxResponse(status, XML, body);
    }

    static SandboxResponse json(int status, String body) {
        return new SandboxResponse(status, JSON_1_1, body);
    }
}
