package dev.caretaker.cli;

import dev.caretaker.orchestrator.webhook.PromotedFrom;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the {@code caretaker deploy} commands share: id checks, following, and printing a record. */
final class DeploymentCommands {

    private DeploymentCommands() {
    }

    static String checkedId(CommandSpec spec, String id) {
        String trimmed = id.trim();
        if (!PromotedFrom.isDeploymentId(trimmed)) {
            throw new ParameterException(spec.commandLine(), "invalid deployment id '" + Table.truncate(trimmed, 80)
                    + "': expected deploy- and 24 hex digits, e.g. deploy-0123456789abcdef01234567");
        }
        return trimmed;
    }

    /** An optional --reason as the API takes it: absent when blank, so the record says nothing rather than "". */
    static String optionalReason(String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    static void checkInterval(CommandSpec spec, FollowOptions follow) {
        if (!follow.valid()) {
            throw new ParameterException(spec.commandLine(), "--interval must be a number of seconds from 0 (exclusive) to 3600");
        }
    }

    /** " --api URL" when the API is not the one a bare command would reach, so suggested commands work as printed. */
    static String apiOptions(URI base, Map<String, String> environment) {
        String variable = environment.get(ApiOption.VARIABLE);
        String implied = variable == null || variable.isBlank() ? ApiOption.LOCAL_RUNTIME : variable.trim();
        return base.toString().equals(implied) ? "" : " --api " + base;
    }

    /**
     * Follows until the deployment ends, prints it as it ended, and says how it went as an exit
     * code. Ctrl-C while following leaves a line saying how to pick it up again.
     */
    static int followAndPrint(DeploymentsApi api, String deploymentId, FollowOptions follow, OutputFormat format,
                              CommandSpec spec, String apiOptions) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Thread hint = new Thread(() -> {
            err.println();
            err.println("stopped following; deployment " + deploymentId + " goes on: caretaker deploy status " + deploymentId
                    + apiOptions + " --follow");
            err.flush();
        });
        Runtime.getRuntime().addShutdownHook(hint);
        DeploymentsApi.Answer ended;
        try {
            ended = new DeploymentFollower(api, err, follow.interval(), apiOptions).follow(deploymentId);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hint);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hint is on its way out.
            }
        }
        print(ended, format, spec);
        return "SUCCEEDED".equals(ended.json().path("status").asText()) ? ExitCodes.OK : ExitCodes.ERROR;
    }

    static void print(DeploymentsApi.Answer deployment, OutputFormat format, CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.JSON ? deployment.body().strip() + System.lineSeparator()
                : DeploymentTable.details(deployment.json()));
        out.flush();
    }

    static void printAnswer(DeploymentsApi.Answer answer, OutputFormat format, CommandSpec spec,
                            Map<String, String> fields) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.JSON ? answer.body().strip() + System.lineSeparator()
                : DeploymentTable.answer(answer.json(), fields).render());
        out.flush();
    }
}
