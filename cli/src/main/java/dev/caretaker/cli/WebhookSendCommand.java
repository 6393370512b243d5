package dev.caretaker.cli;

import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.webhook.SignatureVerifier;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import java.io.PrintWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker webhook send}: {@code POST /webhooks/{source}} with the body of a file, signed
 * with the orchestrator's own signing code, so what it sends is what the API verifies.
 *
 * <p>The secret is taken from an environment variable named on the command line, never from the
 * command line itself (which shell history and process listings keep), and is never printed.
 */
@Command(
        name = "send",
        description = "Send a signed webhook (X-Caretaker-Signature) to POST /webhooks/{source}.",
        footerHeading = "%nExample (the secret stays in the environment, off the command line):%n",
        footer = "  ./caretaker webhook send --source vendor --secret-env SECRET release.json")
final class WebhookSendCommand implements Callable<Integer> {

    // The orchestrator's rule for source names; a name it would refuse is a typo to report here.
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    @Mixin
    HelpOption help;

    @Mixin
    ApiOption api;

    @Mixin
    OutputOption output;

    @Option(names = "--source", required = true, paramLabel = "SOURCE",
            description = "The webhook source, e.g. vendor: the key of its secret in the webhook secret.")
    String source;

    @Option(names = "--secret-env", required = true, paramLabel = "VAR",
            description = "Name of the environment variable holding the source's signing secret.")
    String secretVariable;

    @Option(names = "--delivery-id", paramLabel = "ID",
            description = "The delivery id (X-Caretaker-Delivery). Default: a new random UUID, printed to stderr;"
                    + " pass it again to retry the same delivery.")
    String deliveryId;

    @Parameters(index = "0", paramLabel = "FILE", description = "The JSON body to send; - reads standard input.")
    String file;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    WebhookSendCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        URI base = api.resolve(context.environment());
        checkSource();
        String secret = context.variable(secretVariable).orElseThrow(() -> new UsageError(
                "environment variable " + secretVariable + " (--secret-env) is not set or is empty;"
                        + " it must hold the webhook secret of source " + source));
        // Before the delivery id is generated and printed: a missing file is a usage error, and nothing was attempted.
        byte[] body = WebhookBody.read(file, context.stdin());
        String delivery = deliveryId();

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(WebhookEndpoint.SIGNATURE_HEADER,
                SignatureVerifier.caretakerHeader(context.clock().instant().getEpochSecond(), body, secret));
        headers.put(WebhookEndpoint.DELIVERY_HEADER, delivery);

        ApiResponse response;
        try (ApiClient client = new ApiClient(base, RequestSigner.unsigned())) {
            response = client.post("/webhooks/" + QueryString.encode(source), headers, body);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (WebhookReply.of(response)) {
            case WebhookReply.Refused refused -> throw new CliFailure("webhook refused (HTTP " + refused.status() + "): "
                    + refused.message());
            case WebhookReply.Accepted accepted -> out.print(output.format() == OutputFormat.JSON
                    ? accepted.body().strip() + System.lineSeparator()
                    : accepted.table().render());
            case WebhookReply.Answered answered -> out.print(output.format() == OutputFormat.JSON
                    ? answered.body().strip() + System.lineSeparator()
                    : answered.table().render());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void checkSource() {
        if (!SOURCE.matcher(source).matches()) {
            throw new ParameterException(spec.commandLine(), "invalid --source '" + Table.truncate(source, 80)
                    + "': 1-64 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        if (WebhookEndpoint.GITHUB.equals(source)) {
            throw new ParameterException(spec.commandLine(), "source github is verified with GitHub's signature"
                    + " (X-Hub-Signature-256), which this command does not send; send from GitHub instead");
        }
    }

    /** The given id, checked as the API will; or a new one, told to the user so a retry can reuse it. */
    private String deliveryId() {
        if (deliveryId != null) {
            if (!Delivery.isWellFormedId(deliveryId)) {
                throw new ParameterException(spec.commandLine(), "invalid --delivery-id '" + Table.truncate(deliveryId, 80)
                        + "': 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
            }
            return deliveryId;
        }
        String generated = UUID.randomUUID().toString();
        PrintWriter err = spec.commandLine().getErr();
        err.println("delivery id " + generated + " (to retry this delivery, add --delivery-id " + generated + ")");
        err.flush();
        return generated;
    }
}
