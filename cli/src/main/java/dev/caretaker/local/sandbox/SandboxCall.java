package dev.caretaker.local.sandbox;

import java.util.Objects;

/** One request the sandbox answered: which API, which operation, and the HTTP status it got. */
public record SandboxCall(String service, String operation, int status) {

    public SandboxCall {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
    }
}
