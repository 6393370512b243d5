package dev.caretaker.cli;

import dev.caretaker.job.JobIds;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caretaker jobs show ID}: {@code GET /jobs/{id}}. */
@Command(name = "show", description = "Show one job, every field.")
final class JobsShowCommand implements Callable<Integer> {

    @Mixin
    ApiCommandOptions options;

    @Parameters(index = "0", paramLabel = "ID", description = "The job id, e.g. deploy-0123456789abcdef01234567.")
    String jobId;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    JobsShowCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        String id = jobId.trim();
        if (!JobIds.looksValid(id)) {
            throw new ParameterException(spec.commandLine(), "invalid job id '" + Table.truncate(id, 80)
                    + "': expected a type prefix, '-' and 24 hex digits, e.g. deploy-0123456789abcdef01234567");
        }
        JobLookup lookup;
        try (ApiClient client = options.open(context)) {
            lookup = new JobsApi(client).find(id);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (lookup) {
            case JobLookup.NotFound notFound -> throw new CliFailure("job " + notFound.jobId() + " not found");
            case JobLookup.Found found -> out.print(options.format() == OutputFormat.JSON
                    ? found.body().strip() + System.lineSeparator()
                    : JobTable.details(found.job()).render());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
