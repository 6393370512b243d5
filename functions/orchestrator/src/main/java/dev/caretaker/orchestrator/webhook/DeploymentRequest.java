package dev.caretaker.orchestrator.webhook;

import java.util.Objects;

/**
 * A release the vendor asks to deploy, after validation: which stack, which version, and where its
 * manifest lives ({@code s3://} or {@code https://}).
 */
public record DeploymentRequest(String stack, String version, String manifest) {

    public DeploymentRequest {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(manifest, "manifest");
        ReleaseFieldRules.stackProblem(stack).ifPresent(problem -> {
            throw new IllegalArgumentException("stack: " + problem);
        });
        ReleaseFieldRules.versionProblem(version).ifPresent(problem -> {
            throw new IllegalArgumentException("version: " + problem);
        });
        ReleaseFieldRules.manifestProblem(manifest).ifPresent(problem -> {
            throw new IllegalArgumentException("manifest: " + problem);
        });
    }
}
