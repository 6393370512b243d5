package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.orchestrator.webhook.SignatureCheck;
import dev.caretaker.orchestrator.webhook.SignatureVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSendCommandTest {

    private static final String SECRET = "whsec-0f9e8d7c6b5a4938271605f4e3d2c1b0";
    private static final String SECRET_VARIABLE = "VENDOR_WEBHOOK_SECRET";
    // Spaces and a non-ASCII character: the signature must cover the file's bytes, not a re-encoding.
    private static final String BODY = "{\"event\":\"release.published\",\n \"release\":{\"stack\":\"app\",\"version\":\"1.4.0\","
            + "\"manifest\":\"s3://releases/app/1.4.0/manifest.json\",\"notes\":\"Grüße\"}}\n";
    private static final String ACCEPTED = "{\"jobId\":\"deploy-0123456789abcdef01234567\",\"status\":\"QUEUED\",\"duplicate\":false}";
    private static final Pattern DELIVERY_LINE = Pattern.compile("delivery id ([0-9a-f-]{36}) \\(to retry this delivery, add --delivery-id \\1\\)");

    private final StubApi api = StubApi.start();
    private final CliRunner cli = new CliRunner().env(SECRET_VARIABLE, SECRET);
    private final SignatureVerifier verifier = new SignatureVerifier(Clock.fixed(CliRunner.NOW, ZoneOffset.UTC));

    @TempDir
    Path dir;
    private Path release;

    @BeforeEach
    void writeRelease() throws IOException {
        release = Files.writeString(dir.resolve("release.json"), BODY, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** Sends the release file as source vendor, unless the extra arguments say otherwise. */
    private CliRunner.Result send(String... extra) {
        List<String> args = new ArrayList<>(List.of("webhook", "send", "--api", api.uri().toString(),
                "--secret-env", SECRET_VARIABLE));
        args.addAll(List.of(extra));
        if (!args.contains("--source")) {
            args.addAll(List.of("--source", "vendor"));
        }
        args.add(release.toString());
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void sendsSignatureTheOrchestratorVerifies_whenSecretIsTheSourcesSecret() {
        api.answer("POST", "/webhooks/vendor", 202, ACCEPTED);

        CliRunner.Result result = send();

        assertThat(result.exitCode()).isZero();
        StubApi.Received received = api.only();
        assertThat(received.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(received.header("X-Caretaker-Signature")).startsWith("t=" + CliRunner.NOW.getEpochSecond() + ",v1=");
        assertThat(verifier.verifyCaretaker(received.header("X-Caretaker-Signature"), received.body(), List.of(SECRET)))
                .isEqualTo(new SignatureCheck.Valid());
        assertThat(verifier.verifyCaretaker(received.header("X-Caretaker-Signature"), received.body(), List.of("another-secret")))
                .isEqualTo(new SignatureCheck.Mismatch());
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void printsGeneratedDeliveryIdToStderr_soARetryCanReuseIt() {
        api.answer("POST", "/webhooks/vendor", 202, ACCEPTED);

        CliRunner.Result result = send();

        Matcher line = DELIVERY_LINE.matcher(result.err().strip());
        assertThat(line.matches()).as(result.err()).isTrue();
        assertThat(api.only().header("X-Caretaker-Delivery")).isEqualTo(line.group(1));
        assertThat(result.out()).doesNotContain(line.group(1));
    }

    @Test
    void reusesTheGivenDeliveryId_whenDeliveryIdGiven() {
        api.answer("POST", "/webhooks/vendor", 202, ACCEPTED);

        CliRunner.Result result = send("--delivery-id", "release-1.4.0-attempt");

        assertThat(api.only().header("X-Caretaker-Delivery")).isEqualTo("release-1.4.0-attempt");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void printsJobAndStatusAsTable_whenAccepted() {
        api.answer("POST", "/webhooks/vendor", 202, ACCEPTED);

        CliRunner.Result result = send();

        assertThat(result.out().lines()).containsExactly(
                "JOB                              STATUS  DUPLICATE",
                "deploy-0123456789abcdef01234567  QUEUED  false");
    }

    @Test
    void printsResponseBody_whenOutputIsJson() {
        api.answer("POST", "/webhooks/vendor", 202, ACCEPTED);

        CliRunner.Result result = send("--output", "json");

        assertThat(result.out()).isEqualTo(ACCEPTED + System.lineSeparator());
    }

    @Test
    void printsTheAnswer_whenEventIsIgnored() {
        api.answer("POST", "/webhooks/vendor", 202, "{\"ignored\":\"release.created\"}");

        CliRunner.Result result = send();

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly("HTTP     202", "IGNORED  release.created");
    }

    @Test
    void readsBodyFromStandardInput_whenFileIsDash() {
        api.answer("POST", "/webhooks/vendor", 202, ACCEPTED);

        CliRunner.Result result = cli.stdin(BODY).run("webhook", "send", "--api", api.uri().toString(),
                "--source", "vendor", "--secret-env", SECRET_VARIABLE, "-");

        assertThat(result.exitCode()).isZero();
        assertThat(api.only().bodyText()).isEqualTo(BODY);
        assertThat(verifier.verifyCaretaker(api.only().header("X-Caretaker-Signature"), api.only().body(), List.of(SECRET)))
                .isEqualTo(new SignatureCheck.Valid());
    }

    @Test
    void exitsOneWithServersMessage_whenApiRefuses() {
        api.answer("POST", "/webhooks/vendor", 401, "{\"error\":\"unauthorized\",\"message\":\"signature mismatch\"}");

        CliRunner.Result result = send("--delivery-id", "d-1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("caretaker: webhook refused (HTTP 401): signature mismatch" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void exitsOneWithServersMessage_whenDeliveryWasAlreadyProcessed() {
        api.answer("POST", "/webhooks/vendor", 409, "{\"error\":\"conflict\",\"message\":\"delivery d-1 was already processed\"}");

        CliRunner.Result result = send("--delivery-id", "d-1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("HTTP 409").contains("delivery d-1 was already processed");
    }

    @Test
    void neverPrintsTheSecret_whetherAcceptedRefusedOrVerbose() {
        api.answer("POST", "/webhooks/vendor", 202, ACCEPTED);
        CliRunner.Result accepted = send("--verbose");
        api.answer("POST", "/webhooks/vendor", 401, "{\"error\":\"unauthorized\",\"message\":\"signature mismatch\"}");
        CliRunner.Result refused = send("--verbose", "-o", "json");
        CliRunner.Result unreachable = cli.run("--verbose", "webhook", "send", "--api", "http://127.0.0.1:1",
                "--source", "vendor", "--secret-env", SECRET_VARIABLE, release.toString());

        for (CliRunner.Result result : List.of(accepted, refused, unreachable)) {
            assertThat(result.out()).doesNotContain(SECRET);
            assertThat(result.err()).doesNotContain(SECRET);
        }
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(cli.context().toString()).doesNotContain(SECRET);
    }

    @Test
    void exitsWithUsageNamingTheVariable_whenSecretVariableIsMissing() {
        CliRunner.Result result = new CliRunner().run("webhook", "send", "--api", api.uri().toString(),
                "--source", "vendor", "--secret-env", "NO_SUCH_SECRET", release.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("caretaker: environment variable NO_SUCH_SECRET (--secret-env) is not set or is empty");
        assertThat(api.received()).isEmpty();
    }

    @Test
    void exitsWithUsage_whenSecretVariableIsEmpty() {
        CliRunner.Result result = new CliRunner().env("EMPTY_SECRET", "").run("webhook", "send", "--api",
                api.uri().toString(), "--source", "vendor", "--secret-env", "EMPTY_SECRET", release.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("EMPTY_SECRET");
        assertThat(api.received()).isEmpty();
    }

    @Test
    void exitsWithUsage_whenRequiredOptionsMissing() {
        CliRunner.Result result = cli.run("webhook", "send", release.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--source").contains("--secret-env");
    }

    @Test
    void exitsWithUsage_whenSourceCannotBeAWebhookSource() {
        CliRunner.Result result = send("--source", "Vendor/../x");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("invalid --source 'Vendor/../x'");
        assertThat(api.received()).isEmpty();
    }

    @Test
    void exitsWithUsage_whenSourceIsGitHub() {
        CliRunner.Result result = send("--source", "github");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("X-Hub-Signature-256");
    }

    @Test
    void exitsWithUsage_whenDeliveryIdMalformed() {
        CliRunner.Result result = send("--delivery-id", "no spaces please");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("invalid --delivery-id");
    }

    @Test
    void exitsTwoAndSendsNothing_whenFileDoesNotExist() {
        Path missing = dir.resolve("missing.json");

        CliRunner.Result result = cli.run("webhook", "send", "--api", api.uri().toString(), "--source", "vendor",
                "--secret-env", SECRET_VARIABLE, missing.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().lines()).as("no delivery id was minted for a request never sent").containsExactly(
                "caretaker: body file " + missing + " does not exist (see 'caretaker webhook send --help')");
        assertThat(api.received()).isEmpty();
    }
}
