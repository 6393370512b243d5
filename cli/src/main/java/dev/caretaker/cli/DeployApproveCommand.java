package dev.caretaker.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caretaker deploy approve ID}: {@code POST /deployments/{id}/approval} with {@code "approve"}. */
@Command(
        name = "approve",
        description = "Approve a deployment that waits for approval (AWAITING_APPROVAL): it goes on to execute its change set."
                + " Repeating the same decision is harmless; a decision cannot be changed.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:approved (or found approved already)",
                "1:not found, not awaiting approval, already decided otherwise, or the API refused", "2:usage error"})
final class DeployApproveCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Mixin
    ApiOption api;

    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOption output;

    @Parameters(index = "0", paramLabel = "ID", description = "The deployment id.")
    String deploymentId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record and the notification.")
    String reason;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    DeployApproveCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        String id = DeploymentCommands.checkedId(spec, deploymentId);
        try (ApiClient client = api.open(context, aws)) {
            DeploymentsApi.Answer answer = new DeploymentsApi(client).decide(id, "approve", DeploymentCommands.optionalReason(reason));
            DeploymentCommands.printAnswer(answer, output.format(), spec, DecisionOutput.DECISION);
        }
        return ExitCodes.OK;
    }
}
