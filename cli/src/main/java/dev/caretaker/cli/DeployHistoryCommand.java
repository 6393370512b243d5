package dev.caretaker.cli;

import dev.caretaker.orchestrator.webhook.ReleaseFieldRules;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code caretaker deploy history --stack S}: {@code GET /deployments?stack=S&limit=N}. */
@Command(name = "history", description = "List a stack's deployments, newest first.")
final class DeployHistoryCommand implements Callable<Integer> {

    static final int MAX_LIMIT = 100;

    @Mixin
    ApiCommandOptions options;

    @Option(names = "--stack", required = true, paramLabel = "NAME", description = "The stack.")
    String stack;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "How many, 1 to " + MAX_LIMIT + ". Default: ${DEFAULT-VALUE}.")
    int limit;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    DeployHistoryCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        ReleaseFieldRules.stackProblem(stack).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), "invalid --stack: " + problem);
        });
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ParameterException(spec.commandLine(), "--limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        DeploymentsApi.History history;
        try (ApiClient client = options.open(context)) {
            history = new DeploymentsApi(client).history(stack, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.format() == OutputFormat.JSON) {
            out.print(history.body().strip() + System.lineSeparator());
        } else {
            out.print(history.deployments().isEmpty() ? "no deployments of " + stack + System.lineSeparator()
                    : DeploymentTable.history(history.deployments()).render());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
