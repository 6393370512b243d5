package dev.caretaker.orchestrator.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads Caretaker's own release webhook:
 * {@code {"event":"release.published","release":{"stack":"app","version":"1.4.0","manifest":"s3://…"}}}.
 */
public final class CaretakerReleaseParser {

    public static final String RELEASE_PUBLISHED = "release.published";

    public WebhookEvent parse(byte[] body) {
        try {
            JsonNode root = JsonBody.parseObject(body, "");
            String event = JsonBody.text(root, "event");
            if (!RELEASE_PUBLISHED.equals(event)) {
                return new WebhookEvent.Invalid("unknown event '" + ReleaseFieldRules.shorten(event)
                        + "'; expected " + RELEASE_PUBLISHED);
            }
            JsonNode release = JsonBody.object(root, "release");
            String stack = JsonBody.text(release, "release.stack");
            String version = JsonBody.text(release, "release.version");
            String manifest = JsonBody.text(release, "release.manifest");
            check("release.stack", ReleaseFieldRules.stackProblem(stack).orElse(null));
            check("release.version", ReleaseFieldRules.versionProblem(version).orElse(null));
            check("release.manifest", ReleaseFieldRules.manifestProblem(manifest).orElse(null));
            return new WebhookEvent.Deploy(new DeploymentRequest(stack, version, manifest));
        } catch (InvalidWebhookException e) {
            return new WebhookEvent.Invalid(e.getMessage());
        }
    }

    static void check(String field, String problem) throws InvalidWebhookException {
        if (problem != null) {
            throw new InvalidWebhookException("invalid field " + field + ": " + problem);
        }
    }
}
