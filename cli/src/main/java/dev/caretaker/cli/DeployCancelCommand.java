package dev.caretaker.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caretaker deploy cancel ID}: {@code POST /deployments/{id}/cancel}. */
@Command(
        name = "cancel",
        description = "Cancel a deployment before anything is applied (while VERIFYING, WAITING_FOR_WINDOW, CHECKING,"
                + " PREVIEWING or AWAITING_APPROVAL). Once it is EXECUTING CloudFormation is changing the stack and it cannot"
                + " be stopped safely; the workflow rolls back if the change fails.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:cancelled (or found cancelled already)", "1:not found, too late to cancel, or the API refused",
                "2:usage error"})
final class DeployCancelCommand extends DeploymentDecisionCommand {

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record and the notification.")
    String reason;

    DeployCancelCommand(CliContext context) {
        super(context);
    }

    @Override
    DeploymentsApi.Answer send(DeploymentsApi deployments, String id) {
        return deployments.cancel(id, DeploymentCommands.optionalReason(reason));
    }

    @Override
    Map<String, String> printedAs() {
        return DecisionOutput.CANCELLATION;
    }
}
