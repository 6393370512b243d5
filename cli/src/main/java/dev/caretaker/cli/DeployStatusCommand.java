package dev.caretaker.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caretaker deploy status ID}: {@code GET /deployments/{id}}, once or until it ends. */
@Command(
        name = "status",
        description = "Show a deployment: status, reason, progress, preview, approval, events. With --follow, watch it until"
                + " it ends.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown (with --follow: it SUCCEEDED)",
                "1:not found, the API refused, or (with --follow) it ended ROLLED_BACK, FAILED, REJECTED or CANCELLED",
                "2:usage error"})
final class DeployStatusCommand implements Callable<Integer> {

    @Mixin
    ApiCommandOptions options;

    @Mixin
    FollowOptions follow;

    @Parameters(index = "0", paramLabel = "ID", description = "The deployment id, e.g. deploy-0123456789abcdef01234567.")
    String deploymentId;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    DeployStatusCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() throws InterruptedException {
        String id = DeploymentCommands.checkedId(spec, deploymentId);
        DeploymentCommands.checkInterval(spec, follow);
        try (ApiClient client = options.open(context)) {
            DeploymentsApi deployments = new DeploymentsApi(client);
            if (follow.follow) {
                return DeploymentCommands.followAndPrint(deployments, id, follow, options.format(), spec,
                        DeploymentCommands.apiOptions(client.base(), context.environment()));
            }
            DeploymentsApi.Answer found = deployments.find(id)
                    .orElseThrow(() -> new CliFailure("deployment " + id + " not found at " + client.base()));
            DeploymentCommands.print(found, options.format(), spec);
            return ExitCodes.OK;
        }
    }
}
