package dev.caretaker.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.orchestrator.deployments.Decision;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaretakerReleaseParserTest {

    private final CaretakerReleaseParser parser = new CaretakerReleaseParser();

    private WebhookEvent parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String release(String stack, String version, String manifest) {
        return "{\"event\":\"release.published\",\"release\":{\"stack\":" + stack + ",\"version\":" + version
                + ",\"manifest\":" + manifest + "}}";
    }

    private String problem(String body) {
        WebhookEvent event = parse(body);
        assertThat(event).isInstanceOf(WebhookEvent.Invalid.class);
        return ((WebhookEvent.Invalid) event).message();
    }

    @Test
    void readsDeployment_whenReleaseIsPublished() {
        WebhookEvent event = parse(release("\"app\"", "\"1.4.0\"", "\"s3://bucket/releases/app/1.4.0/manifest.json\""));

        assertThat(event).isEqualTo(new WebhookEvent.Deploy(
                new DeploymentRequest("app", "1.4.0", "s3://bucket/releases/app/1.4.0/manifest.json")));
    }

    @Test
    void acceptsHttpsManifestAndPreReleaseVersion_whenWellFormed() {
        WebhookEvent event = parse(release("\"Shop-Prod2\"", "\"2.0.0-rc.1+build.7\"",
                "\"https://releases.example.com/app/2.0.0/manifest.json\""));

        assertThat(event).isInstanceOf(WebhookEvent.Deploy.class);
    }

    @Test
    void saysBodyIsNotJson_whenItCannotBeParsed() {
        assertThat(problem("event=release.published")).startsWith("body is not JSON");
        assertThat(problem("")).contains("body is empty");
        assertThat(problem("[1,2]")).isEqualTo("body must be a JSON object");
    }

    @Test
    void doesNotEchoTheBody_whenItIsNotJson() {
        assertThat(problem("{\"event\": s3cr3t-looking-text")).doesNotContain("s3cr3t");
    }

    @Test
    void namesTheMissingField_whenAFieldIsAbsent() {
        assertThat(problem("{\"release\":{}}")).isEqualTo("missing field event");
        assertThat(problem("{\"event\":\"release.published\"}")).isEqualTo("missing field release");
        assertThat(problem(release("\"app\"", "null", "\"s3://bucket/m.json\"")))
                .isEqualTo("missing field release.version");
        assertThat(problem("{\"event\":\"release.published\",\"release\":{\"stack\":\"app\",\"version\":\"1.0.0\"}}"))
                .isEqualTo("missing field release.manifest");
    }

    @Test
    void namesTheInvalidField_whenAFieldHasTheWrongTypeOrShape() {
        assertThat(problem("{\"event\":\"release.published\",\"release\":\"app\"}"))
                .isEqualTo("invalid field release: must be an object");
        assertThat(problem(release("\"app\"", "140", "\"s3://bucket/m.json\"")))
                .isEqualTo("invalid field release.version: must be a string");
        assertThat(problem(release("\"1app\"", "\"1.4.0\"", "\"s3://bucket/m.json\"")))
                .startsWith("invalid field release.stack: '1app' is not a CloudFormation stack name");
        assertThat(problem(release("\"my_app\"", "\"1.4.0\"", "\"s3://bucket/m.json\"")))
                .startsWith("invalid field release.stack:");
        assertThat(problem(release("\"app\"", "\"latest\"", "\"s3://bucket/m.json\"")))
                .startsWith("invalid field release.version: 'latest' is not a version");
        assertThat(problem(release("\"app\"", "\"1.4.0\"", "\"http://example.com/m.json\"")))
                .startsWith("invalid field release.manifest:").contains("s3:// or https://");
        assertThat(problem(release("\"app\"", "\"1.4.0\"", "\"s3://bucket\"")))
                .startsWith("invalid field release.manifest:");
    }

    @Test
    void saysWhichEventsAreKnown_whenEventIsUnknown() {
        assertThat(problem("{\"event\":\"release.deleted\",\"release\":{}}"))
                .isEqualTo("unknown event 'release.deleted'; expected release.published or deployment.approval");
    }

    private static String approval(String fields) {
        return "{\"event\":\"deployment.approval\",\"approval\":{" + fields + "}}";
    }

    @Test
    void readsADecision_whenADeploymentApprovalArrives() {
        WebhookEvent approve = parse(approval("\"deploymentId\":\"deploy-0123456789abcdef01234567\",\"decision\":\"approve\","
                + "\"by\":\"ana@example.com\",\"reason\":\"  \""));
        WebhookEvent reject = parse(approval("\"deploymentId\":\"deploy-0123456789abcdef01234567\",\"decision\":\"REJECT\","
                + "\"by\":\"ana@example.com\",\"reason\":\"not during the sale\""));

        assertThat(approve).isEqualTo(new WebhookEvent.Approval("deploy-0123456789abcdef01234567",
                new Decision(true, null), "ana@example.com"));
        assertThat(reject).isEqualTo(new WebhookEvent.Approval("deploy-0123456789abcdef01234567",
                new Decision(false, "not during the sale"), "ana@example.com"));
    }

    @Test
    void namesTheField_whenADeploymentApprovalIsIncomplete() {
        String id = "\"deploymentId\":\"deploy-0123456789abcdef01234567\"";
        assertThat(problem("{\"event\":\"deployment.approval\"}")).isEqualTo("missing field approval");
        assertThat(problem(approval(id + ",\"by\":\"ana\""))).isEqualTo("missing field approval.decision");
        assertThat(problem(approval(id + ",\"decision\":\"ok\",\"by\":\"ana\"")))
                .isEqualTo("invalid field approval.decision: expected \"approve\" or \"reject\"");
        assertThat(problem(approval(id + ",\"decision\":\"approve\",\"by\":\"" + "a".repeat(257) + "\"")))
                .isEqualTo("invalid field approval.by: longer than 256 characters");
        assertThat(problem(approval(id + ",\"decision\":\"approve\",\"by\":\"an\\u0007a\"")))
                .isEqualTo("invalid field approval.by: contains control characters");
    }
}
