package dev.caretaker.orchestrator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads GitHub webhook deliveries. A {@code release} event with {@code action: published} becomes a
 * deployment; {@code ping} is answered; everything else is acknowledged and ignored, so a repository
 * webhook subscribed to more events than needed does not fill the vendor's delivery log with errors.
 *
 * <p>A GitHub release knows nothing of stacks, so the stack comes from the webhook URL
 * ({@code ?stack=}) or from the deployment's configuration (GITHUB_RELEASE_STACK). The manifest is
 * the release asset named {@value #MANIFEST_ASSET}.
 */
public final class GitHubReleaseParser {

    public static final String MANIFEST_ASSET = "caretaker-manifest.json";
    public static final String EVENT_HEADER = "X-GitHub-Event";

    private static final Pattern EVENT_NAME = Pattern.compile("[a-z_]{1,64}");
    private static final String JSON_HINT = " (set the GitHub webhook's content type to application/json)";

    private final Optional<String> configuredStack;

    /** @param configuredStack the stack GitHub releases deploy when the URL names none */
    public GitHubReleaseParser(Optional<String> configuredStack) {
        this.configuredStack = Objects.requireNonNull(configuredStack, "configuredStack");
        // A bad configured stack would fail every GitHub release; better to fail once, at start-up.
        configuredStack.flatMap(ReleaseFieldRules::stackProblem).ifPresent(problem -> {
            throw new IllegalArgumentException("GITHUB_RELEASE_STACK: " + problem);
        });
    }

    public WebhookEvent parse(String event, byte[] body, Optional<String> stackParameter) {
        try {
            if (event == null || event.isBlank()) {
                return new WebhookEvent.Invalid("missing header " + EVENT_HEADER);
            }
            String name = event.trim();
            if (!EVENT_NAME.matcher(name).matches()) {
                return new WebhookEvent.Invalid("invalid header " + EVENT_HEADER + ": '"
                        + ReleaseFieldRules.shorten(name) + "' is not a GitHub event name");
            }
            if (name.equals("ping")) {
                return new WebhookEvent.Ping();
            }
            if (!name.equals("release")) {
                return new WebhookEvent.Ignored(name);
            }
            JsonNode root = JsonBody.parseObject(body, JSON_HINT);
            String action = JsonBody.text(root, "action");
            if (!action.equals("published")) {
                return new WebhookEvent.Ignored("release." + ReleaseFieldRules.shorten(action));
            }
            String stack = stack(stackParameter);
            JsonNode release = JsonBody.object(root, "release");
            String tag = JsonBody.text(release, "release.tag_name");
            String version = tag.startsWith("v") || tag.startsWith("V") ? tag.substring(1) : tag;
            CaretakerReleaseParser.check("release.tag_name", ReleaseFieldRules.versionProblem(version).orElse(null));
            String manifest = manifestUrl(release);
            return new WebhookEvent.Deploy(new DeploymentRequest(stack, version, manifest));
        } catch (InvalidWebhookException e) {
            return new WebhookEvent.Invalid(e.getMessage());
        }
    }

    private String stack(Optional<String> stackParameter) throws InvalidWebhookException {
        Optional<String> fromUrl = stackParameter.map(String::trim).filter(s -> !s.isEmpty());
        if (fromUrl.isPresent()) {
            String stack = fromUrl.get();
            String problem = ReleaseFieldRules.stackProblem(stack).orElse(null);
            if (problem != null) {
                throw new InvalidWebhookException("invalid query parameter stack: " + problem);
            }
            // The query string is not signed: when the operator pinned a stack, the URL may not pick another.
            if (configuredStack.isPresent() && !configuredStack.get().equals(stack)) {
                throw new InvalidWebhookException("invalid query parameter stack: '" + stack
                        + "' is not the stack configured for GitHub releases (GITHUB_RELEASE_STACK)");
            }
            return stack;
        }
        return configuredStack.orElseThrow(() -> new InvalidWebhookException(
                "no stack for this GitHub release: add ?stack=<stack name> to the webhook URL"
                        + " or set GITHUB_RELEASE_STACK"));
    }

    private static String manifestUrl(JsonNode release) throws InvalidWebhookException {
        JsonNode assets = release.get("assets");
        if (assets != null && assets.isArray()) {
            for (int i = 0; i < assets.size(); i++) {
                JsonNode asset = assets.get(i);
                if (asset.isObject() && MANIFEST_ASSET.equals(asset.path("name").asText(null))) {
                    String field = "release.assets[" + i + "].browser_download_url";
                    JsonNode url = asset.get("browser_download_url");
                    if (url == null || !url.isTextual() || url.asText().isBlank()) {
                        throw new InvalidWebhookException("missing field " + field);
                    }
                    CaretakerReleaseParser.check(field,
                            ReleaseFieldRules.manifestProblem(url.asText()).orElse(null));
                    return url.asText();
                }
            }
        }
        throw new InvalidWebhookException("release asset " + MANIFEST_ASSET
                + " is missing: release.assets has no asset with that name");
    }
}
