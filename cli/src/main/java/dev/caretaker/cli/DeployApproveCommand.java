package dev.caretaker.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caretaker deploy approve ID}: {@code POST /deployments/{id}/approval} with {@code "approve"}. */
@Command(
        name = "approve",
        description = "Approve a deployment that waits for approval (AWAITING_APPROVAL): it goes on to execute its change set."
                + " Repeating the same decision is harmless; a decision cannot be changed.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:approved (or found approved already)",
                "1:not found, not awaiting approval, already decided otherwise, or the API refused", "2:usage error"})
final class DeployApproveCommand extends DeploymentDecisionCommand {

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record and the notification.")
    String reason;

    DeployApproveCommand(CliContext context) {
        super(context);
    }

    @Override
    DeploymentsApi.Answer send(DeploymentsApi deployments, String id) {
        return deployments.decide(id, "approve", DeploymentCommands.optionalReason(reason));
    }

    @Override
    Map<String, String> printedAs() {
        return DecisionOutput.DECISION;
    }
}
