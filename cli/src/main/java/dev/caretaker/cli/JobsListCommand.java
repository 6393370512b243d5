package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.job.JobQuery;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code caretaker jobs list}: {@code GET /jobs}, one page or all of them. */
@Command(name = "list", description = "List jobs, newest first.")
final class JobsListCommand implements Callable<Integer> {

    @Mixin
    ApiCommandOptions options;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only jobs of this type: ${COMPLETION-CANDIDATES}.")
    JobType type;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only jobs in this state: ${COMPLETION-CANDIDATES}.")
    JobStatus status;

    @Option(names = "--limit", paramLabel = "N",
            description = "Jobs per page, 1 to " + JobQuery.MAX_LIMIT + " (the API's default: " + JobQuery.DEFAULT_LIMIT + ").")
    Integer limit;

    @Option(names = "--page-token", paramLabel = "TOKEN",
            description = "Start at this page: the nextPageToken of a previous page, unchanged.")
    String pageToken;

    @Option(names = "--all", description = "Follow nextPageToken to the last page and print every job.")
    boolean all;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    JobsListCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        if (limit != null && (limit < 1 || limit > JobQuery.MAX_LIMIT)) {
            throw new ParameterException(spec.commandLine(),
                    "--limit must be from 1 to " + JobQuery.MAX_LIMIT + ", was " + limit);
        }
        JobFilter filter = new JobFilter(type, status, limit);
        PrintWriter out = spec.commandLine().getOut();
        try (ApiClient client = options.open(context)) {
            JobsApi jobs = new JobsApi(client);
            if (all) {
                List<JsonNode> everything = allPages(jobs, filter);
                out.print(options.format() == OutputFormat.JSON ? allAsJson(everything) : table(everything));
            } else {
                JobsPage page = jobs.page(filter, pageToken);
                out.print(options.format() == OutputFormat.JSON ? page.body().strip() + System.lineSeparator() : table(page.jobs()));
                if (page.nextPageToken() != null && options.format() == OutputFormat.TABLE) {
                    // On stderr, so the table itself can still be piped.
                    spec.commandLine().getErr().println("more jobs: add --page-token " + page.nextPageToken()
                            + " (or --all)");
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<JsonNode> allPages(JobsApi jobs, JobFilter filter) {
        List<JsonNode> everything = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = pageToken;
        do {
            JobsPage page = jobs.page(filter, token);
            everything.addAll(page.jobs());
            token = page.nextPageToken();
            if (token != null && !seen.add(token)) {
                throw new CliFailure("the API returned page token " + token + " twice; stopped to avoid looping");
            }
        } while (token != null);
        return everything;
    }

    /** The API's page shape with every job in it, so a script reads --all like one page. */
    private static String allAsJson(List<JsonNode> jobs) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("jobs").addAll(jobs);
        body.putNull("nextPageToken");
        return Json.write(body) + System.lineSeparator();
    }

    private static String table(List<JsonNode> jobs) {
        return jobs.isEmpty() ? "no jobs" + System.lineSeparator() : JobTable.list(jobs).render();
    }
}
