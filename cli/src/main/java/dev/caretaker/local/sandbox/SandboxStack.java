package dev.caretaker.local.sandbox;

import java.util.List;
import java.util.Objects;

/** A CloudFormation stack that exists only in the sandbox: its name, status and resources. */
public record SandboxStack(String name, String status, List<SandboxResource> resources) {

    public SandboxStack {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        resources = List.copyOf(resources);
    }
}
