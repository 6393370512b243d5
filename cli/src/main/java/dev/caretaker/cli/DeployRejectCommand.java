package dev.caretaker.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caretaker deploy reject ID --reason TEXT}: {@code POST /deployments/{id}/approval} with {@code "reject"}. */
@Command(
        name = "reject",
        description = "Reject a deployment that waits for approval: it ends REJECTED and nothing is applied."
                + " The reason is required: it is what the people waiting for the release read.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rejected (or found rejected already)",
                "1:not found, not awaiting approval, already decided otherwise, or the API refused", "2:usage error"})
final class DeployRejectCommand implements Callable<Integer> {

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

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it is rejected.")
    String reason;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    DeployRejectCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        String id = DeploymentCommands.checkedId(spec, deploymentId);
        if (reason.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--reason must say why the deployment is rejected");
        }
        try (ApiClient client = api.open(context, aws)) {
            DeploymentsApi.Answer answer = new DeploymentsApi(client).decide(id, "reject", reason.strip());
            DeploymentCommands.printAnswer(answer, output.format(), spec, DecisionOutput.DECISION);
        }
        return ExitCodes.OK;
    }
}
