package dev.caretaker.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code caretaker deploy reject ID --reason TEXT}: {@code POST /deployments/{id}/approval} with {@code "reject"}. */
@Command(
        name = "reject",
        description = "Reject a deployment that waits for approval: it ends REJECTED and nothing is applied."
                + " The reason is required: it is what the people waiting for the release read.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rejected (or found rejected already)",
                "1:not found, not awaiting approval, already decided otherwise, or the API refused", "2:usage error"})
final class DeployRejectCommand extends DeploymentDecisionCommand {

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it is rejected.")
    String reason;

    DeployRejectCommand(CliContext context) {
        super(context);
    }

    @Override
    void checkOptions() {
        if (reason.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--reason must say why the deployment is rejected");
        }
    }

    @Override
    DeploymentsApi.Answer send(DeploymentsApi deployments, String id) {
        return deployments.decide(id, "reject", reason.strip());
    }

    @Override
    Map<String, String> printedAs() {
        return DecisionOutput.DECISION;
    }
}
