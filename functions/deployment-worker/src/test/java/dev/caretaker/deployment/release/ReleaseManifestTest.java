package dev.caretaker.deployment.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReleaseManifestTest {

    private static ReleaseManifest parse(String json) {
        return ReleaseManifest.parse(json.getBytes(StandardCharsets.UTF_8), "manifest.json");
    }

    private static final String SHA = "a".repeat(64);

    @Test
    void readsEveryField_whenManifestIsComplete() {
        ReleaseManifest manifest = ReleaseManifest.parse(Manifests.manifest("1.4.0", true), "manifest.json");

        assertThat(manifest.stack()).isEqualTo("app");
        assertThat(manifest.version()).isEqualTo("1.4.0");
        assertThat(manifest.templateLocation()).isEqualTo("s3://vendor-releases/app/1.4.0/template.yaml");
        assertThat(manifest.templateSha256()).isEqualTo(Manifests.TEMPLATE_SHA256);
        assertThat(manifest.parameters()).containsEntry("InstanceType", "t3.small").containsEntry("Stage", "prod");
        assertThat(manifest.capabilities()).containsExactly("CAPABILITY_IAM");
        assertThat(manifest.rollback()).isTrue();
    }

    @Test
    void defaultsOptionalFields_whenAbsent() {
        ReleaseManifest manifest = parse("{\"stack\":\"app\",\"version\":\"1.0.0\",\"template\":{\"location\":\"https://x/t.yaml\",\"sha256\":\"" + SHA + "\"}}");

        assertThat(manifest.parameters()).isEmpty();
        assertThat(manifest.capabilities()).isEmpty();
        assertThat(manifest.rollback()).isFalse();
    }

    @Test
    void canonicalFormSortsKeysAndDropsWhitespace_soReformattingKeepsTheSignature() {
        ReleaseManifest pretty = parse("""
                {
                  "version": "1.0.0",
                  "stack": "app",
                  "template": {"sha256": "%s", "location": "s3://b/t.yaml"},
                  "parameters": {"Zeta": "line\\nbreak \\"quoted\\" é", "Alpha": "1"}
                }
                """.formatted(SHA));
        ReleaseManifest compact = parse("{\"parameters\":{\"Alpha\":\"1\",\"Zeta\":\"line\\nbreak \\\"quoted\\\" \\u00e9\"},"
                + "\"stack\":\"app\",\"template\":{\"location\":\"s3://b/t.yaml\",\"sha256\":\"" + SHA + "\"},\"version\":\"1.0.0\"}");

        String expected = "{\"parameters\":{\"Alpha\":\"1\",\"Zeta\":\"line\\nbreak \\\"quoted\\\" é\"},\"stack\":\"app\","
                + "\"template\":{\"location\":\"s3://b/t.yaml\",\"sha256\":\"" + SHA + "\"},\"version\":\"1.0.0\"}";
        assertThat(new String(pretty.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(compact.canonicalBytes()).isEqualTo(pretty.canonicalBytes());
    }

    @Test
    void canonicalFormEscapesControlCharactersAsRfc8785_whenPresent() {
        ReleaseManifest manifest = parse("{\"stack\":\"app\",\"version\":\"1.0.0\",\"template\":{\"location\":\"s3://b/t\",\"sha256\":\""
                + SHA + "\"},\"parameters\":{\"P\":\"a\\u0001b\\tc\\\\d/e\"}}");

        assertThat(new String(manifest.canonicalBytes(), StandardCharsets.UTF_8)).contains("\"P\":\"a\\u0001b\\tc\\\\d/e\"");
    }

    @Test
    void refusesNamingTheField_whenFieldsAreMissingOrWrong() {
        assertThatThrownBy(() -> parse("{\"version\":\"1.0.0\"}")).hasMessage("manifest.json: stack: required");
        assertThatThrownBy(() -> parse("{\"stack\":\"app\",\"version\":\"1.0\"}"))
                .hasMessageStartingWith("manifest.json: version: '1.0' is not a semantic version");
        assertThatThrownBy(() -> parse("{\"stack\":\"app\",\"version\":\"1.0.0\"}"))
                .hasMessage("manifest.json: template: required, an object {location, sha256}");
        assertThatThrownBy(() -> parse("{\"stack\":\"app\",\"version\":\"1.0.0\",\"template\":{\"location\":\"s3://b/t\"}}"))
                .hasMessage("manifest.json: template: sha256: required");
        assertThatThrownBy(() -> parse("{\"stack\":\"app\",\"version\":\"1.0.0\",\"template\":{\"location\":\"ftp://b/t\",\"sha256\":\"" + SHA + "\"}}"))
                .hasMessageContaining("template.location: 'ftp://b/t' must start with s3:// or https://");
        assertThatThrownBy(() -> parse("{\"stack\":\"app\",\"version\":\"1.0.0\",\"template\":{\"location\":\"s3://b/t\",\"sha256\":\"ABC\"}}"))
                .hasMessageContaining("template.sha256: 64 lower-case hex digits expected");
        assertThatThrownBy(() -> parse("{\"stack\":\"app\",\"version\":\"1.0.0\",\"template\":{\"location\":\"s3://b/t\",\"sha256\":\""
                + SHA + "\"},\"parameters\":{\"Count\":3}}"))
                .hasMessageContaining("parameters.Count: CloudFormation parameter values are strings");
        assertThatThrownBy(() -> parse("{\"stack\":\"app\",\"version\":\"1.0.0\",\"template\":{\"location\":\"s3://b/t\",\"sha256\":\""
                + SHA + "\"},\"capabilities\":[\"CAPABILITY_ALL\"]}"))
                .hasMessageContaining("capabilities: 'CAPABILITY_ALL' is not one of");
    }

    @Test
    void refusesUnknownAndDuplicateFields_soNothingUnsignedRidesAlong() {
        assertThatThrownBy(() -> parse("{\"stack\":\"app\",\"version\":\"1.0.0\",\"template\":{\"location\":\"s3://b/t\",\"sha256\":\""
                + SHA + "\"},\"postInstall\":\"curl evil\"}"))
                .isInstanceOf(ManifestException.class).hasMessageStartingWith("manifest.json: postInstall: unknown field");
        assertThatThrownBy(() -> parse("{\"stack\":\"app\",\"stack\":\"other\",\"version\":\"1.0.0\"}"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("Duplicate field 'stack'");
        assertThatThrownBy(() -> parse("{\"stack\": ")).isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("manifest.json: not valid JSON");
    }

    @Test
    void fillsInTemplateHash_whenAskedTo() {
        byte[] filled = ReleaseManifest.withTemplateSha256(
                "{\"stack\":\"app\",\"version\":\"1.0.0\",\"template\":{\"location\":\"s3://b/t\"}}".getBytes(StandardCharsets.UTF_8),
                SHA, "manifest.json");

        assertThat(ReleaseManifest.parse(filled, "manifest.json").templateSha256()).isEqualTo(SHA);
    }
}
