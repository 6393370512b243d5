package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.webhook.PromotedFrom;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker deploy promote --from staging --to prod app@1.4.0}: deploys to one environment
 * a release that already SUCCEEDED in another. Environments are separate Caretaker installations,
 * each with its own API; the source's deployment history is the evidence, and the release goes
 * through the whole workflow again in the target (verification, window, checks, preview, approval).
 */
@Command(
        name = "promote",
        description = "Deploy to one environment a release that SUCCEEDED in another, with the same manifest.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:started (with --follow: it SUCCEEDED)",
                "1:refused (no SUCCEEDED deployment of that release in the source), the API refused, or (with --follow)"
                        + " it ended otherwise",
                "2:usage error (e.g. the same environment twice, or no API for an environment)"},
        footerHeading = "%nEach environment's API: --from-api/--to-api, else $CARETAKER_API_<ENV> (upper case, '-' as '_'):%n",
        footer = "  CARETAKER_API_STAGING=https://... CARETAKER_API_PROD=https://... \\\n"
                + "    ./caretaker deploy promote --from staging --to prod app@1.4.0 --follow")
final class DeployPromoteCommand implements Callable<Integer> {

    /** The source history searched for the release: the API's largest page. */
    static final int HISTORY_DEPTH = 100;

    @Mixin
    HelpOption help;

    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOption output;

    @Mixin
    FollowOptions follow;

    @Option(names = "--from", required = true, paramLabel = "ENV", description = "The environment where the release SUCCEEDED.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ENV", description = "The environment to deploy it to.")
    String to;

    @Option(names = "--from-api", paramLabel = "URL", description = "The source's Caretaker API. Default: $CARETAKER_API_<FROM>.")
    String fromApi;

    @Option(names = "--to-api", paramLabel = "URL", description = "The target's Caretaker API. Default: $CARETAKER_API_<TO>.")
    String toApi;

    @Option(names = "--from-profile", paramLabel = "NAME", description = "AWS profile for the source's API. Default: --profile.")
    String fromProfile;

    @Option(names = "--to-profile", paramLabel = "NAME", description = "AWS profile for the target's API. Default: --profile.")
    String toProfile;

    @Option(names = "--now", description = "Deploy outside the target's maintenance window, if its configuration allows it.")
    boolean now;

    @Option(names = "--request-id", paramLabel = "ID",
            description = "Makes a retry find the deployment the first attempt started. Default: a new one, printed to stderr.")
    String requestId;

    @Parameters(index = "0", paramLabel = "RELEASE", description = "stack@version, e.g. app@1.4.0.")
    String release;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    DeployPromoteCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() throws InterruptedException {
        checkEnvironment("--from", from);
        checkEnvironment("--to", to);
        if (from.equals(to)) {
            throw new ParameterException(spec.commandLine(), "--from and --to are both " + from
                    + ": a promotion goes from one environment to another");
        }
        int at = release.lastIndexOf('@');
        if (at <= 0 || at == release.length() - 1) {
            throw new ParameterException(spec.commandLine(), "invalid RELEASE '" + Table.truncate(release, 80)
                    + "': expected stack@version, e.g. app@1.4.0");
        }
        String stack = release.substring(0, at);
        String version = release.substring(at + 1);
        DeployStartCommand.checkRelease(spec, stack, version, null);
        DeploymentCommands.checkInterval(spec, follow);
        URI source = api(fromApi, "--from-api", from);
        URI target = api(toApi, "--to-api", to);
        if (source.equals(target)) {
            throw new ParameterException(spec.commandLine(), "environments " + from + " and " + to + " have the same API " + source
                    + ": each environment is its own Caretaker installation");
        }

        JsonNode succeeded;
        try (ApiClient client = new ApiClient(source, signer(source, fromProfile))) {
            succeeded = succeededIn(new DeploymentsApi(client), stack, version);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(stack + "@" + version + " SUCCEEDED in " + from + " as " + succeeded.path("id").asText()
                + "; promoting it to " + to);
        err.flush();
        String request = DeployStartCommand.requestId(spec, requestId);
        ObjectNode body = Json.mapper().createObjectNode()
                .put("stack", stack).put("version", version).put("manifest", succeeded.path("manifest").asText())
                .put("now", now).put("requestId", request);
        body.putObject("promotedFrom").put("environment", from).put("deploymentId", succeeded.path("id").asText());
        try (ApiClient client = new ApiClient(target, signer(target, toProfile))) {
            DeploymentsApi deployments = new DeploymentsApi(client);
            DeploymentsApi.Answer started = deployments.start(body);
            return DeployStartCommand.report(deployments, started, follow, output.format(), spec, " --api " + target);
        }
    }

    /** The source's SUCCEEDED deployment of exactly this release, or a refusal that says what the source has instead. */
    private JsonNode succeededIn(DeploymentsApi source, String stack, String version) {
        List<JsonNode> history = source.history(stack, HISTORY_DEPTH).deployments();
        Optional<JsonNode> succeeded = history.stream()
                .filter(d -> version.equals(d.path("version").asText()) && "SUCCEEDED".equals(d.path("status").asText()))
                .findFirst();
        if (succeeded.isPresent()) {
            if (succeeded.get().path("manifest").asText("").isBlank()) {
                throw new CliFailure("refused: " + from + " recorded no manifest for " + succeeded.get().path("id").asText());
            }
            return succeeded.get();
        }
        List<String> sameVersion = new ArrayList<>();
        history.stream().filter(d -> version.equals(d.path("version").asText()))
                .forEach(d -> sameVersion.add(d.path("id").asText() + " " + d.path("status").asText()));
        String seen = sameVersion.isEmpty()
                ? (history.isEmpty() ? "it has no deployments of " + stack
                        : "its latest deployment of " + stack + " is " + history.getFirst().path("version").asText() + " "
                                + history.getFirst().path("status").asText())
                : "its deployments of " + stack + "@" + version + ": " + String.join(", ", sameVersion);
        throw new CliFailure("refused: " + stack + "@" + version + " has not SUCCEEDED in " + from + " (" + seen
                + "); only a release that succeeded there can be promoted");
    }

    private void checkEnvironment(String option, String name) {
        if (!PromotedFrom.isEnvironmentName(name)) {
            throw new ParameterException(spec.commandLine(), "invalid " + option + " '" + Table.truncate(name, 80)
                    + "': an environment name is 1-64 lower-case letters, digits, '_' or '-'");
        }
    }

    /** The environment's API: the option, else CARETAKER_API_<ENV>. */
    private URI api(String option, String optionName, String environment) {
        if (option != null) {
            return ApiOption.parse(option, optionName);
        }
        String variable = variableFor(environment);
        return context.variable(variable).map(value -> ApiOption.parse(value, variable)).orElseThrow(() -> new UsageError(
                "no API for environment " + environment + ": pass " + optionName + " URL or set " + variable));
    }

    static String variableFor(String environment) {
        return ApiOption.VARIABLE + "_" + environment.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private RequestSigner signer(URI api, String profile) {
        Optional<String> chosen = Optional.ofNullable(profile).filter(name -> !name.isBlank()).or(aws::profile);
        return context.signers().forApi(api, aws.region(), chosen);
    }
}
