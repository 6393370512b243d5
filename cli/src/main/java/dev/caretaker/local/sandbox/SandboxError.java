package dev.caretaker.local.sandbox;

/**
 * An error the sandbox answers in the API's own error shape: the code and message AWS uses for the
 * same mistake, so a client's error handling meets what it will meet in AWS.
 */
final class SandboxError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    SandboxError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** CloudFormation's and CloudWatch's generic 400 for a request that cannot be served as asked. */
    static SandboxError validation(String message) {
        return new SandboxError(400, "ValidationError", message);
    }

    static SandboxError of(String code, String message) {
        return new SandboxError(400, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The query protocol's error document in {@code namespace}. */
    SandboxResponse xml(String namespace) {
        return SandboxResponse.xml(status, QueryXml.error(namespace, status >= 500 ? "Receiver" : "Sender", code, getMessage()));
    }
}
