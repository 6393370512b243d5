package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker drift check}: {@code POST /drift/checks}, then follows each stack's job through
 * {@code GET /jobs/{id}} until it ends, printing each change of state to standard error and the
 * outcome (severity and summary per stack) to standard output.
 */
@Command(
        name = "check",
        description = "Check stacks for drift on the running system now, and follow the check until it ends.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every stack checked, no drift", "2:drift found", "1:a check failed, timed out, or the API refused"})
final class DriftCheckCommand implements Callable<Integer> {

    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

    @Mixin
    ApiCommandOptions options;

    @Option(names = "--stack", paramLabel = "NAME", description = "Check this stack only. Default: every configured stack.")
    String stack;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "Stop following after this long (the check goes on). Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Pause between status requests. Default: ${DEFAULT-VALUE}.")
    double intervalSeconds;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    DriftCheckCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() throws InterruptedException {
        if (stack != null && !STACK_NAME.matcher(stack).matches()) {
            throw new ParameterException(spec.commandLine(), "invalid --stack '" + Table.truncate(stack, 80)
                    + "': a stack name starts with a letter and holds only letters, digits and hyphens (max 128)");
        }
        if (!(timeoutSeconds > 0) || !(intervalSeconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--timeout and --interval must be positive numbers of seconds");
        }
        PrintWriter err = spec.commandLine().getErr();
        Map<String, JsonNode> finished = new LinkedHashMap<>();
        JsonNode started;
        try (ApiClient client = options.open(context)) {
            started = start(client);
            List<String> children = new ArrayList<>();
            started.path("children").forEach(child -> children.add(child.asText()));
            err.println("drift check " + started.path("jobId").asText() + " started: " + children.size() + " stack(s) "
                    + started.path("stacks"));
            err.flush();
            follow(new JobsApi(client), children, finished, err);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(options.format() == OutputFormat.JSON ? json(started, finished) : table(finished));
        out.flush();
        boolean allSucceeded = finished.values().stream().allMatch(job -> "SUCCEEDED".equals(job.path("status").asText()));
        if (!allSucceeded || finished.size() < started.path("children").size()) {
            return ExitCodes.ERROR;
        }
        boolean drifted = finished.values().stream()
                .anyMatch(job -> "DRIFTED".equals(job.path("result").path("data").path("status").asText()));
        return drifted ? DriftCommand.DRIFT_FOUND : ExitCodes.OK;
    }

    private JsonNode start(ApiClient client) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Caretaker-Request-Id", UUID.randomUUID().toString());
        ObjectNode body = Json.mapper().createObjectNode();
        if (stack != null) {
            body.put("stack", stack);
        }
        ApiResponse response = client.post("/drift/checks", headers, Json.write(body).getBytes(StandardCharsets.UTF_8));
        if (!response.isSuccess()) {
            throw new CliFailure("the Caretaker API refused the drift check (HTTP " + response.status() + "): "
                    + response.errorMessage());
        }
        try {
            JsonNode json = Json.mapper().readTree(response.body());
            if (json != null && json.path("children").isArray()) {
                return json;
            }
        } catch (Exception e) {
            // reported below
        }
        throw new CliFailure("the API at " + client.base() + " did not answer POST /drift/checks with a drift check:"
                + " is --api the Caretaker API?");
    }

    private void follow(JobsApi jobs, List<String> children, Map<String, JsonNode> finished, PrintWriter err)
            throws InterruptedException {
        Map<String, String> lastState = new LinkedHashMap<>();
        Instant deadline = context.clock().instant().plus(Duration.ofMillis((long) (timeoutSeconds * 1000)));
        while (finished.size() < children.size()) {
            for (String id : children) {
                if (finished.containsKey(id)) {
                    continue;
                }
                if (!(jobs.find(id) instanceof JobLookup.Found found)) {
                    continue;
                }
                JsonNode job = found.job();
                String status = job.path("status").asText();
                if (!status.equals(lastState.put(id, status))) {
                    err.println(job.path("target").asText() + "  " + status + progress(job));
                    err.flush();
                }
                if (isTerminal(status)) {
                    finished.put(id, job);
                }
            }
            if (finished.size() == children.size()) {
                break;
            }
            if (!context.clock().instant().isBefore(deadline)) {
                err.println("stopped following after " + (long) timeoutSeconds + " s; the check goes on: caretaker jobs show ID");
                err.flush();
                break;
            }
            Thread.sleep((long) (intervalSeconds * 1000));
        }
    }

    private static String progress(JsonNode job) {
        if (job.hasNonNull("error")) {
            return ": " + job.get("error").asText();
        }
        JsonNode result = job.path("result");
        return result.has("summary") ? "  " + result.path("severity").asText() + "  " + result.path("summary").asText() : "";
    }

    private static boolean isTerminal(String status) {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }

    private static String json(JsonNode started, Map<String, JsonNode> finished) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("jobId", started.path("jobId").asText());
        ArrayNode stacks = root.putArray("stacks");
        finished.values().forEach(stacks::add);
        return Json.write(root) + System.lineSeparator();
    }

    private static String table(Map<String, JsonNode> finished) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode job : finished.values()) {
            JsonNode result = job.path("result");
            rows.add(List.of(job.path("target").asText(), job.path("status").asText(),
                    result.path("data").path("status").asText(""), result.path("severity").asText(""),
                    job.hasNonNull("error") ? job.get("error").asText() : result.path("summary").asText("")));
        }
        return new Table(List.of("STACK", "JOB", "DRIFT", "SEVERITY", "SUMMARY"), rows).render();
    }
}
