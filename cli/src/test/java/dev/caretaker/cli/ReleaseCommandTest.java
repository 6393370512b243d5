package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.deployment.release.ReleaseManifest;
import dev.caretaker.deployment.release.Sha256;
import dev.caretaker.json.Json;
import dev.caretaker.testing.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCommandTest {

    private static final KeyPair EC = generate("EC");
    private static final KeyPair RSA = generate("RSA");
    private static final String TEMPLATE = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n";

    private final CliRunner cli = new CliRunner();

    @TempDir
    Path dir;
    private Path manifest;
    private Path template;
    private Path ecPrivate;
    private Path ecPublic;

    @BeforeEach
    void writeRelease() throws IOException {
        template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        manifest = Files.writeString(dir.resolve("manifest.json"), manifest("1.4.0", Sha256.hex(TEMPLATE.getBytes(StandardCharsets.UTF_8))));
        ecPrivate = Files.writeString(dir.resolve("vendor.pem"), pem("PRIVATE KEY", EC.getPrivate()));
        ecPublic = Files.writeString(dir.resolve("vendor.pub.pem"), pem("PUBLIC KEY", EC.getPublic()));
    }

    private static String manifest(String version, String sha256) {
        return "{\n  \"stack\": \"app\",\n  \"version\": \"" + version + "\",\n  \"template\": {\"location\": \"s3://releases/app/"
                + version + "/template.yaml\"" + (sha256 == null ? "" : ", \"sha256\": \"" + sha256 + "\"") + "},\n"
                + "  \"parameters\": {\"Stage\": \"prod\"}\n}\n";
    }

    private CliRunner.Result sign(String... extra) {
        String[] base = {"release", "sign", "--key", ecPrivate.toString(), "--key-id", "vendor-2026"};
        return cli.run(concat(base, extra, manifest.toString()));
    }

    private CliRunner.Result verify(String... extra) {
        return cli.run(concat(new String[]{"release", "verify"}, extra, manifest.toString()));
    }

    private static String[] concat(String[] head, String[] middle, String last) {
        String[] all = new String[head.length + middle.length + 1];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        all[all.length - 1] = last;
        return all;
    }

    @Test
    void signsNextToTheManifest_andVerifiesWithThePublicKey() throws IOException {
        CliRunner.Result signed = sign();

        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(signed.out()).contains("signed app 1.4.0 with key vendor-2026 (ECDSA_SHA_256): " + dir.resolve("manifest.json.sig"));
        assertThat(Json.mapper().readTree(dir.resolve("manifest.json.sig").toFile()).get("keyId").asText()).isEqualTo("vendor-2026");

        CliRunner.Result verified = verify("--public-key", ecPublic.toString(), "--template", template.toString());

        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(verified.out().strip()).isEqualTo("valid: app 1.4.0, signed with trusted key vendor-2026, template SHA-256 matches");
    }

    @Test
    void signsWithRsaPss_whenAskedAndVerifiesWithTrustedKeysFile() throws IOException {
        Path rsaPrivate = Files.writeString(dir.resolve("rsa.pem"), pem("PRIVATE KEY", RSA.getPrivate()));
        Path keys = Files.writeString(dir.resolve("config.yaml"), "deployment:\n  trustedKeys:\n    - id: vendor-rsa\n      publicKey: |\n"
                + pem("PUBLIC KEY", RSA.getPublic()).indent(8));

        CliRunner.Result signed = cli.run("release", "sign", "--key", rsaPrivate.toString(), "--key-id", "vendor-rsa",
                "--algorithm", "RSASSA_PSS_SHA_256", manifest.toString());
        CliRunner.Result verified = verify("--trusted-keys", keys.toString(), "--output", "json");

        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(Json.mapper().readTree(verified.out())).isEqualTo(Json.mapper().readTree(
                "{\"valid\":true,\"stack\":\"app\",\"version\":\"1.4.0\",\"rollback\":false,\"keyId\":\"vendor-rsa\",\"templateChecked\":false}"));
    }

    @Test
    void exitsOneWithReason_whenManifestChangedAfterSigning() throws IOException {
        sign();
        Files.writeString(manifest, Files.readString(manifest).replace("prod", "dev"));

        CliRunner.Result verified = verify("--public-key", ecPublic.toString());

        assertThat(verified.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(verified.err()).startsWith("caretaker: release refused (BAD_SIGNATURE): ");
        assertThat(verified.out()).isEmpty();
    }

    @Test
    void exitsOneAsUnsigned_whenNoSignatureFile() {
        CliRunner.Result verified = verify("--public-key", ecPublic.toString(), "--output", "json");

        assertThat(verified.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(verified.err()).startsWith("caretaker: release refused (UNSIGNED): ");
        assertThat(verified.out()).contains("\"reason\":\"UNSIGNED\"");
    }

    @Test
    void exitsOneAsUnknownKey_whenTrustedKeysLackTheSignersId() throws IOException {
        sign();
        Path keys = Files.writeString(dir.resolve("keys.yaml"), "- id: someone-else\n  kmsKeyId: alias/other\n");

        CliRunner.Result verified = verify("--trusted-keys", keys.toString());

        assertThat(verified.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(verified.err()).contains("(UNKNOWN_KEY)").contains("'vendor-2026'").contains("[someone-else]");
    }

    @Test
    void exitsOneSayingWhy_whenTheTrustedKeysFileIsABillionLaughs() throws IOException {
        sign();
        Path keys = Files.writeString(dir.resolve("keys.yaml"), DriftAnalyzeCommandTest.BILLION_LAUGHS);

        CliRunner.Result verified = verify("--trusted-keys", keys.toString());

        assertThat(verified.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(verified.err().strip()).isEqualTo("caretaker: " + keys + ":1:1: too many aliases: more than 20 references"
                + " to anchored lists or mappings; refusing to expand a document that may be a \"billion laughs\"");
    }

    @Test
    void exitsOneAsTemplateMismatch_whenTemplateChanged() throws IOException {
        sign();
        Files.writeString(template, TEMPLATE + "  # changed\n");

        CliRunner.Result verified = verify("--public-key", ecPublic.toString(), "--template", template.toString());

        assertThat(verified.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(verified.err()).contains("(TEMPLATE_MISMATCH)");
    }

    @Test
    void exitsOneAsDowngrade_unlessExplicitRollback() throws IOException {
        sign();
        assertThat(verify("--public-key", ecPublic.toString(), "--deployed-version", "1.5.0").err()).contains("(DOWNGRADE)");

        Files.writeString(manifest, Files.readString(manifest).replace("\n}", ",\n  \"rollback\": true\n}"));
        sign();
        CliRunner.Result rollback = verify("--public-key", ecPublic.toString(), "--deployed-version", "1.5.0");

        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("(explicit rollback)");
    }

    @Test
    void recordsTemplateHash_whenManifestHasNone() throws IOException {
        Files.writeString(manifest, manifest("1.4.0", null));

        CliRunner.Result signed = sign("--template", template.toString());

        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(signed.out()).contains("recorded template SHA-256 " + Sha256.hex(TEMPLATE.getBytes(StandardCharsets.UTF_8)));
        assertThat(ReleaseManifest.parse(Files.readAllBytes(manifest), "m").templateSha256())
                .isEqualTo(Sha256.hex(TEMPLATE.getBytes(StandardCharsets.UTF_8)));
        assertThat(verify("--public-key", ecPublic.toString(), "--template", template.toString()).exitCode()).isZero();
    }

    @Test
    void refusesToSign_whenTemplateDiffersFromRecordedHash() throws IOException {
        Files.writeString(template, "something else");

        CliRunner.Result signed = sign("--template", template.toString());

        assertThat(signed.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(signed.err()).startsWith("caretaker: not signed: ");
        assertThat(dir.resolve("manifest.json.sig")).doesNotExist();
    }

    @Test
    void exitsTwo_whenNoKeysOrBothKeySourcesOrAlgorithmDoesNotFit() {
        assertThat(verify().exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(verify("--public-key", "a", "--trusted-keys", "b").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRunner.Result wrongAlgorithm = sign("--algorithm", "RSASSA_PSS_SHA_256");
        assertThat(wrongAlgorithm.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongAlgorithm.err()).contains("--algorithm RSASSA_PSS_SHA_256 does not fit the EC key");
    }

    @Test
    void exitsTwoAndWritesNothing_whenAFileSignNamesDoesNotExist() throws IOException {
        Path missing = dir.resolve("missing");

        CliRunner.Result noKey = cli.run("release", "sign", "--key", missing.toString(), "--key-id", "k", manifest.toString());
        CliRunner.Result noTemplate = sign("--template", missing.toString());
        Files.delete(manifest);
        CliRunner.Result noManifest = sign();

        assertThat(noKey.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noKey.err()).startsWith("caretaker: key " + missing + " does not exist (see 'caretaker release sign --help')");
        assertThat(noTemplate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTemplate.err()).startsWith("caretaker: template " + missing + " does not exist");
        assertThat(noManifest.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noManifest.err()).startsWith("caretaker: manifest " + manifest + " does not exist");
        assertThat(dir.resolve("manifest.json.sig")).doesNotExist();
    }

    @Test
    void exitsTwo_whenAFileVerifyNamesDoesNotExist() {
        sign();
        Path missing = dir.resolve("missing");

        assertThat(verify("--public-key", missing.toString()))
                .satisfies(result -> assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE))
                .satisfies(result -> assertThat(result.err()).startsWith("caretaker: public key " + missing + " does not exist"
                        + " (see 'caretaker release verify --help')"));
        assertThat(verify("--trusted-keys", missing.toString()))
                .satisfies(result -> assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE))
                .satisfies(result -> assertThat(result.err()).startsWith("caretaker: trusted keys file " + missing + " does not exist"));
        assertThat(verify("--public-key", ecPublic.toString(), "--signature", missing.toString()))
                .satisfies(result -> assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE))
                .satisfies(result -> assertThat(result.err()).startsWith("caretaker: signature (--signature) " + missing
                        + " does not exist"));
        assertThat(verify("--public-key", ecPublic.toString(), "--template", missing.toString()))
                .satisfies(result -> assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE))
                .satisfies(result -> assertThat(result.err()).startsWith("caretaker: template " + missing + " does not exist"));
        CliRunner.Result noManifest = cli.run("release", "verify", "--public-key", ecPublic.toString(), missing.toString());
        assertThat(noManifest.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noManifest.err()).startsWith("caretaker: manifest " + missing + " does not exist");
    }

    @Test
    void exitsOne_whenManifestIsMalformed() throws IOException {
        Files.writeString(manifest, "{\"stack\":\"app\"}");
        CliRunner.Result malformed = sign();
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(malformed.err().strip()).isEqualTo("caretaker: " + manifest + ": version: required");
    }

    @Test
    void verifiesTheExampleRelease_whenCheckedAgainstItsTrustedKeys() {
        Path example = RepoRoot.find().resolve("examples/release");

        CliRunner.Result verified = cli.run("release", "verify", "--trusted-keys", example.resolve("trusted-keys.yaml").toString(),
                "--template", example.resolve("template.yaml").toString(), example.resolve("manifest.json").toString());

        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(verified.out()).contains("signed with trusted key example-vendor-test-only, template SHA-256 matches");
    }

    private static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, Key key) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END " + type + "-----\n";
    }
}
