package dev.caretaker.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caretaker deploy cancel ID}: {@code POST /deployments/{id}/cancel}. */
@Command(
        name = "cancel",
        description = "Cancel a deployment before anything is applied (while VERIFYING, WAITING_FOR_WINDOW, CHECKING,"
                + " PREVIEWING or AWAITING_APPROVAL). Once it is EXECUTING CloudFormation is changing the stack and it cannot"
                + " be stopped safely; the workflow rolls back if the change fails.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:cancelled (or found cancelled already)", "1:not found, too late to cancel, or the API refused",
                "2:usage error"})
final class DeployCancelCommand implements Callable<Integer> {

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

    DeployCancelCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        String id = DeploymentCommands.checkedId(spec, deploymentId);
        try (ApiClient client = api.open(context, aws)) {
            DeploymentsApi.Answer answer = new DeploymentsApi(client).cancel(id, DeploymentCommands.optionalReason(reason));
            DeploymentCommands.printAnswer(answer, output.format(), spec, DecisionOutput.CANCELLATION);
        }
        return ExitCodes.OK;
    }
}
