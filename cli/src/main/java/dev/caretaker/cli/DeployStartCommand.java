package dev.caretaker.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.webhook.Delivery;
import dev.caretaker.orchestrator.webhook.ReleaseFieldRules;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code caretaker deploy start}: {@code POST /deployments}, then optionally follows it. */
@Command(
        name = "start",
        description = "Start deploying a release: verified, gated by the maintenance window, checked, previewed, approved"
                + " when needed, executed and watched, like a release from the vendor's webhook.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:started (with --follow: it SUCCEEDED)", "1:refused, failed, or (with --follow) ended otherwise",
                "2:usage error"},
        footerHeading = "%nExample:%n",
        footer = "  ./caretaker deploy start --stack app --version 1.4.0 --manifest s3://vendor-releases/app/1.4.0/manifest.json --follow")
final class DeployStartCommand implements Callable<Integer> {

    static final Map<String, String> FIELDS = fields();

    @Mixin
    ApiCommandOptions options;

    @Mixin
    FollowOptions follow;

    @Option(names = "--stack", required = true, paramLabel = "NAME", description = "The CloudFormation stack to deploy.")
    String stack;

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The release's version, e.g. 1.4.0.")
    String version;

    @Option(names = "--manifest", required = true, paramLabel = "URL",
            description = "Where the signed release manifest is: s3://bucket/key or https://...")
    String manifest;

    @Option(names = "--now", description = "Deploy outside the maintenance window, if the configuration allows it.")
    boolean now;

    @Option(names = "--request-id", paramLabel = "ID",
            description = "Makes a retry find the deployment the first attempt started. Default: a new one, printed to"
                    + " stderr; pass it again to retry.")
    String requestId;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    DeployStartCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() throws InterruptedException {
        checkRelease(spec, stack, version, manifest);
        DeploymentCommands.checkInterval(spec, follow);
        String request = requestId(spec, requestId);
        ObjectNode body = Json.mapper().createObjectNode()
                .put("stack", stack).put("version", version).put("manifest", manifest).put("now", now)
                .put("requestId", request);
        try (ApiClient client = options.open(context)) {
            DeploymentsApi deployments = new DeploymentsApi(client);
            DeploymentsApi.Answer started = deployments.start(body);
            return report(deployments, started, follow, options.format(), spec,
                    DeploymentCommands.apiOptions(client.base(), context.environment()));
        }
    }

    /** Prints the start (or, following, its progress and its end) and returns the exit code. */
    static int report(DeploymentsApi deployments, DeploymentsApi.Answer started, FollowOptions follow, OutputFormat format,
                      CommandSpec spec, String apiOptions) throws InterruptedException {
        String id = started.json().path("deploymentId").asText();
        if (!follow.follow) {
            DeploymentCommands.printAnswer(started, format, spec, FIELDS);
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("deployment " + id + (started.json().path("duplicate").asBoolean() ? " (started earlier)" : " started"));
        err.flush();
        return DeploymentCommands.followAndPrint(deployments, id, follow, format, spec, apiOptions);
    }

    static void checkRelease(CommandSpec spec, String stack, String version, String manifest) {
        problem("--stack", ReleaseFieldRules.stackProblem(stack), spec);
        problem("--version", ReleaseFieldRules.versionProblem(version), spec);
        if (manifest != null) {
            problem("--manifest", ReleaseFieldRules.manifestProblem(manifest), spec);
        }
    }

    /** The given id, checked as the API will; or a new one, told to the user so a retry can reuse it. */
    static String requestId(CommandSpec spec, String given) {
        if (given != null) {
            if (!Delivery.isWellFormedId(given)) {
                throw new ParameterException(spec.commandLine(), "invalid --request-id '" + Table.truncate(given, 80)
                        + "': 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
            }
            return given;
        }
        String generated = UUID.randomUUID().toString();
        PrintWriter err = spec.commandLine().getErr();
        err.println("request id " + generated + " (to retry this request, add --request-id " + generated + ")");
        err.flush();
        return generated;
    }

    private static void problem(String option, Optional<String> problem, CommandSpec spec) {
        problem.ifPresent(text -> {
            throw new ParameterException(spec.commandLine(), "invalid " + option + ": " + text);
        });
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("DEPLOYMENT", "deploymentId");
        fields.put("STATUS", "status");
        fields.put("DUPLICATE", "duplicate");
        fields.put("REQUEST", "requestId");
        return fields;
    }
}
