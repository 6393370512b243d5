package dev.caretaker.orchestrator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.orchestrator.deployments.Decision;

/**
 * Reads Caretaker's own webhooks:
 * {@code {"event":"release.published","release":{"stack":"app","version":"1.4.0","manifest":"s3://…"}}}
 * and {@code {"event":"deployment.approval","approval":{"deploymentId":"deploy-…","decision":"approve",
 * "reason":"…","by":"…"}}}.
 */
public final class CaretakerReleaseParser {

    public static final String RELEASE_PUBLISHED = "release.published";
    public static final String DEPLOYMENT_APPROVAL = "deployment.approval";
    static final int MAX_BY_CHARS = 256;
    static final int MAX_REASON_CHARS = 1024;

    public WebhookEvent parse(byte[] body) {
        try {
            JsonNode root = JsonBody.parseObject(body, "");
            String event = JsonBody.text(root, "event");
            if (DEPLOYMENT_APPROVAL.equals(event)) {
                return approval(JsonBody.object(root, "approval"));
            }
            if (!RELEASE_PUBLISHED.equals(event)) {
                return new WebhookEvent.Invalid("unknown event '" + ReleaseFieldRules.shorten(event)
                        + "'; expected " + RELEASE_PUBLISHED + " or " + DEPLOYMENT_APPROVAL);
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

    private static WebhookEvent approval(JsonNode approval) throws InvalidWebhookException {
        String deploymentId = JsonBody.text(approval, "approval.deploymentId");
        if (!PromotedFrom.isDeploymentId(deploymentId)) {
            throw new InvalidWebhookException("invalid field approval.deploymentId: '" + ReleaseFieldRules.shorten(deploymentId)
                    + "' is not a deployment id like deploy-0123456789abcdef01234567");
        }
        String decision = JsonBody.text(approval, "approval.decision");
        String by = JsonBody.text(approval, "approval.by");
        bounded("approval.by", by, MAX_BY_CHARS);
        JsonNode given = approval.get("reason");
        boolean noReason = given == null || given.isNull() || given.isTextual() && given.asText().isBlank();
        String reason = noReason ? null : JsonBody.text(approval, "approval.reason");
        if (reason != null) {
            bounded("approval.reason", reason, MAX_REASON_CHARS);
        }
        try {
            return new WebhookEvent.Approval(deploymentId, Decision.parse(decision, reason, "approval."), by);
        } catch (IllegalArgumentException e) {
            throw new InvalidWebhookException(e.getMessage());
        }
    }

    private static void bounded(String field, String value, int maxChars) throws InvalidWebhookException {
        if (value.length() > maxChars) {
            throw new InvalidWebhookException("invalid field " + field + ": longer than " + maxChars + " characters");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new InvalidWebhookException("invalid field " + field + ": contains control characters");
        }
    }

    static void check(String field, String problem) throws InvalidWebhookException {
        if (problem != null) {
            throw new InvalidWebhookException("invalid field " + field + ": " + problem);
        }
    }
}
