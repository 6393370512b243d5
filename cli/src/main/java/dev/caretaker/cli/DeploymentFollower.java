package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Follows a deployment through {@code GET /deployments/{id}} until it ends, telling the operator
 * what changed since the last look: the status, the resources done out of the total and the one
 * being worked on, each new event line, and how to answer an approval request. It only reads:
 * stopping it (Ctrl-C) leaves the deployment running.
 */
final class DeploymentFollower {

    static final Set<String> TERMINAL = Set.of("SUCCEEDED", "ROLLED_BACK", "FAILED", "REJECTED", "CANCELLED");
    /** A deployment takes minutes to hours: a few failed looks in a row are a blip, many are an outage. */
    static final int MAX_FAILED_LOOKS = 5;

    private final DeploymentsApi api;
    private final PrintWriter err;
    private final Duration interval;
    private final String apiOptions;

    /** @param apiOptions what to add to a suggested command so it reaches the same API (" --api URL"), or "" */
    DeploymentFollower(DeploymentsApi api, PrintWriter err, Duration interval, String apiOptions) {
        this.api = Objects.requireNonNull(api, "api");
        this.err = Objects.requireNonNull(err, "err");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.apiOptions = Objects.requireNonNull(apiOptions, "apiOptions");
    }

    /** @return the deployment as it ended */
    DeploymentsApi.Answer follow(String deploymentId) throws InterruptedException {
        String lastStatus = null;
        String lastProgress = "";
        String lastEvent = null;
        boolean approvalShown = false;
        int failedLooks = 0;
        while (true) {
            DeploymentsApi.Answer answer;
            try {
                answer = api.find(deploymentId).orElseThrow(() -> new CliFailure("deployment " + deploymentId + " not found"));
                failedLooks = 0;
            } catch (CliFailure failure) {
                if (failure.getMessage().equals("deployment " + deploymentId + " not found") || ++failedLooks >= MAX_FAILED_LOOKS) {
                    throw failure;
                }
                say("could not read the deployment (" + failure.getMessage() + "); trying again");
                Thread.sleep(interval.toMillis());
                continue;
            }
            JsonNode deployment = answer.json();
            String status = DeploymentTable.text(deployment, "status");
            if (lastStatus == null) {
                say("following deployment " + deploymentId + " (" + DeploymentTable.text(deployment, "stack") + " "
                        + DeploymentTable.text(deployment, "version") + "); Ctrl-C stops following, not the deployment");
            }
            lastEvent = printNewEvents(deployment.path("events"), lastEvent);
            if (!status.equals(lastStatus) && !TERMINAL.contains(status)) {
                say("status: " + status);
            }
            String progress = DeploymentTable.progress(deployment.path("progress"));
            if (!progress.isEmpty() && !progress.equals(lastProgress)) {
                say("progress: " + progress);
                lastProgress = progress;
            }
            boolean undecided = !deployment.path("approval").isObject() || deployment.path("approval").isEmpty();
            if ("AWAITING_APPROVAL".equals(status) && undecided && !approvalShown) {
                askForApproval(deploymentId, deployment);
                approvalShown = true;
            }
            lastStatus = status;
            if (TERMINAL.contains(status)) {
                String reason = DeploymentTable.text(deployment, "reason");
                say("finished: " + status + (reason.isEmpty() ? "" : ": " + reason));
                return answer;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private void askForApproval(String deploymentId, JsonNode deployment) {
        String preview = DeploymentTable.preview(deployment.path("preview"));
        say("approval needed" + (preview.isEmpty() ? "" : ": " + preview));
        say("  approve: caretaker deploy approve " + deploymentId + apiOptions + " [--reason TEXT]");
        say("  reject:  caretaker deploy reject " + deploymentId + apiOptions + " --reason TEXT");
    }

    /**
     * The record keeps only its latest event lines, so "new" is what follows the last line already
     * printed; when that line has dropped out of the record, everything there is new.
     *
     * @return the last line printed so far
     */
    private String printNewEvents(JsonNode events, String lastPrinted) {
        if (!events.isArray()) {
            return lastPrinted;
        }
        List<String> lines = new ArrayList<>();
        events.forEach(line -> lines.add(line.asText()));
        int from = lastPrinted == null ? 0 : lines.lastIndexOf(lastPrinted) + 1;
        String last = lastPrinted;
        for (String line : lines.subList(from, lines.size())) {
            say("  " + line);
            last = line;
        }
        return last;
    }

    private void say(String line) {
        err.println(line);
        err.flush();
    }
}
