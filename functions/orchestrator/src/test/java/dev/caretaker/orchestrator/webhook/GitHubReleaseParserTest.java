package dev.caretaker.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitHubReleaseParserTest {

    private static final String MANIFEST_URL =
            "https://github.com/vendor/app/releases/download/v1.4.0/caretaker-manifest.json";

    private static String published(String tag, String assets) {
        return "{\"action\":\"published\",\"release\":{\"tag_name\":\"" + tag + "\",\"assets\":" + assets
                + "},\"repository\":{\"full_name\":\"vendor/app\"}}";
    }

    private static String manifestAsset() {
        return "[{\"name\":\"app.zip\",\"browser_download_url\":\"https://github.com/vendor/app/app.zip\"},"
                + "{\"name\":\"caretaker-manifest.json\",\"browser_download_url\":\"" + MANIFEST_URL + "\"}]";
    }

    private static WebhookEvent parse(GitHubReleaseParser parser, String event, String body, String stackParameter) {
        return parser.parse(event, body.getBytes(StandardCharsets.UTF_8), Optional.ofNullable(stackParameter));
    }

    private static String problem(WebhookEvent event) {
        assertThat(event).isInstanceOf(WebhookEvent.Invalid.class);
        return ((WebhookEvent.Invalid) event).message();
    }

    private final GitHubReleaseParser unconfigured = new GitHubReleaseParser(Optional.empty());
    private final GitHubReleaseParser configured = new GitHubReleaseParser(Optional.of("app"));

    @Test
    void readsDeploymentWithVersionFromTag_whenReleaseIsPublished() {
        WebhookEvent event = parse(unconfigured, "release", published("v1.4.0", manifestAsset()), "app");

        assertThat(event).isEqualTo(new WebhookEvent.Deploy(new DeploymentRequest("app", "1.4.0", MANIFEST_URL)));
    }

    @Test
    void takesStackFromConfiguration_whenUrlNamesNone() {
        WebhookEvent event = parse(configured, "release", published("2.0.0", manifestAsset()), null);

        assertThat(event).isEqualTo(new WebhookEvent.Deploy(new DeploymentRequest("app", "2.0.0", MANIFEST_URL)));
    }

    @Test
    void refusesAnotherStack_whenConfigurationPinsOne() {
        assertThat(problem(parse(configured, "release", published("v1.4.0", manifestAsset()), "other")))
                .startsWith("invalid query parameter stack: 'other' is not the stack configured");
    }

    @Test
    void saysWhereTheStackComesFrom_whenNeitherUrlNorConfigurationNamesOne() {
        assertThat(problem(parse(unconfigured, "release", published("v1.4.0", manifestAsset()), null)))
                .contains("?stack=").contains("GITHUB_RELEASE_STACK");
    }

    @Test
    void saysManifestAssetIsMissing_whenReleaseHasNoSuchAsset() {
        assertThat(problem(parse(configured, "release", published("v1.4.0", "[]"), null)))
                .isEqualTo("release asset caretaker-manifest.json is missing: release.assets has no asset with that name");
    }

    @Test
    void namesTheTagField_whenTagIsNotAVersion() {
        assertThat(problem(parse(configured, "release", published("nightly", manifestAsset()), null)))
                .startsWith("invalid field release.tag_name: 'nightly'");
    }

    @Test
    void answersPing_whenGitHubChecksTheHook() {
        assertThat(parse(unconfigured, "ping", "{\"zen\":\"Keep it logically awesome.\"}", null))
                .isInstanceOf(WebhookEvent.Ping.class);
    }

    @Test
    void ignoresOtherEventsAndActions_whenTheyAreNotAPublishedRelease() {
        assertThat(parse(configured, "push", "{}", null)).isEqualTo(new WebhookEvent.Ignored("push"));
        assertThat(parse(configured, "release", "{\"action\":\"created\",\"release\":{}}", null))
                .isEqualTo(new WebhookEvent.Ignored("release.created"));
    }

    @Test
    void saysWhatIsWrong_whenEventHeaderOrBodyIsUnusable() {
        assertThat(problem(parse(configured, null, "{}", null))).isEqualTo("missing header X-GitHub-Event");
        assertThat(problem(parse(configured, "Release!", "{}", null))).startsWith("invalid header X-GitHub-Event");
        assertThat(problem(parse(configured, "release", "payload=%7B%7D", null)))
                .startsWith("body is not JSON").contains("application/json");
        assertThat(problem(parse(configured, "release", "{\"release\":{}}", null))).isEqualTo("missing field action");
    }

    @Test
    void refusesToBeBuilt_whenConfiguredStackIsNotAStackName() {
        assertThatThrownBy(() -> new GitHubReleaseParser(Optional.of("my_app")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("GITHUB_RELEASE_STACK: 'my_app' is not a CloudFormation stack name");
    }
}
