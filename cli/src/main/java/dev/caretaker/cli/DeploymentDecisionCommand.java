package dev.caretaker.cli;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code deploy approve}, {@code reject} and {@code cancel} share: one deployment id, one
 * request to the deployments API, the deployment's answer printed. Each command keeps its own
 * {@code --reason} option, since whether it is required and what it says differ.
 */
abstract class DeploymentDecisionCommand implements Callable<Integer> {

    @Mixin
    ApiCommandOptions options;

    @Parameters(index = "0", paramLabel = "ID", description = "The deployment id.")
    String deploymentId;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    DeploymentDecisionCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public final Integer call() {
        String id = DeploymentCommands.checkedId(spec, deploymentId);
        checkOptions();
        try (ApiClient client = options.open(context)) {
            DeploymentCommands.printAnswer(send(new DeploymentsApi(client), id), options.format(), spec, printedAs());
        }
        return ExitCodes.OK;
    }

    /** Refuses options picocli cannot check alone, before anything is sent. */
    void checkOptions() {
    }

    abstract DeploymentsApi.Answer send(DeploymentsApi deployments, String id);

    /** The answer's columns in a table ({@link DecisionOutput}). */
    abstract Map<String, String> printedAs();
}
