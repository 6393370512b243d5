package dev.caretaker.local;

import dev.caretaker.cli.CliContext;
import dev.caretaker.cli.CliFailure;
import dev.caretaker.cli.ExitCodes;
import dev.caretaker.json.Json;
import dev.caretaker.local.demo.DemoReport;
import dev.caretaker.local.demo.LocalDemo;
import dev.caretaker.local.support.LocalStackRefusedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import dev.caretaker.cli.UsageError;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker local}: the whole system on this machine (see {@link LocalSystem}) until Ctrl-C.
 * Progress goes to standard output; the functions' own logs stay off the terminal unless
 * {@code --verbose}.
 */
@Command(
        name = "local",
        description = "Run Caretaker locally: engines, the template's resources, the five functions, the HTTP API,"
                + " schedules and the deployment workflow, in this process on 127.0.0.1, until Ctrl-C.",
        footerHeading = "%nExample:%n",
        footer = {"  ./caretaker local --port 3000 --time-scale 60",
                "  (the webhook secret of source vendor is printed at start-up; set " + LocalCommand.SECRET_VARIABLE
                        + " to choose it)"})
public final class LocalCommand implements Callable<Integer> {

    static final String SECRET_VARIABLE = "CARETAKER_LOCAL_WEBHOOK_SECRET";
    private static final String EXAMPLE_RELEASE = "{\"event\":\"release.published\",\"release\":{\"stack\":\"app\","
            + "\"version\":\"1.4.0\",\"manifest\":\"s3://caretaker-local/releases/app/1.4.0/manifest.json\"}}";

    /** The packages of the functions' code, whose logs --verbose lets through (the CLI's configuration silences them). */
    private static final List<String> FUNCTION_LOGGERS = List.of("dev.caretaker.orchestrator", "dev.caretaker.deployment",
            "dev.caretaker.drift", "dev.caretaker.cost", "dev.caretaker.backup", "dev.caretaker.aws", "dev.caretaker.events",
            "dev.caretaker.job", "dev.caretaker.notify", "dev.caretaker.observability", "dev.caretaker.work",
            "software.amazon.lambda.powertools", "software.amazon.cloudwatchlogs.emf");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + LocalSystemOptions.DEFAULT_PORT,
            description = "Port of the HTTP API on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--time-scale", paramLabel = "N", defaultValue = "1",
            description = "Run the schedules N times faster than real time, e.g. 3600 for an hour a second. Default: ${DEFAULT-VALUE}.")
    double timeScale;

    @Option(names = "--template", paramLabel = "FILE", defaultValue = "template.yaml",
            description = "The SAM template; its state machine definition is read relative to it. Default: ${DEFAULT-VALUE}.")
    Path template;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "embedded",
            description = "What to run against: embedded (engines in this process and the scripted sandbox account),"
                    + " localstack (LocalStack at --endpoint for DynamoDB, SQS, S3, SNS, Secrets Manager and SSM;"
                    + " CloudFormation, Cost Explorer and STS stay on the sandbox account, as LocalStack's CloudFormation cannot"
                    + " play the scripted drift and deployment scenarios and its Cost Explorer is Pro-only; EventBridge and"
                    + " Step Functions stay in this process, where the functions run) or aws (a real account through"
                    + " --profile for CloudFormation, Cost Explorer and STS; Caretaker's own state stays embedded)."
                    + " Default: ${DEFAULT-VALUE}.")
    Backend backend;

    @Option(names = "--endpoint", paramLabel = "URL", description = "With --backend localstack: LocalStack's URL, e.g. http://127.0.0.1:4566.")
    URI endpoint;

    @Option(names = "--profile", paramLabel = "NAME", description = "With --backend aws: the AWS profile to reach the account with"
            + " (its region is used). Default: $AWS_PROFILE.")
    String profile;

    @Option(names = "--stacks", paramLabel = "NAME", split = ",", description = "With --backend aws: the stacks the scheduled"
            + " drift check covers, e.g. --stacks app,billing.")
    List<String> stacks;

    /** The --backend values; picocli lists them in the error for anything else. */
    enum Backend { embedded, localstack, aws }

    @Option(names = "--demo", description = "Run a scripted day in the life (releases deployed, approved, rejected, refused"
            + " and rolled back; a drift check; a cost report; a bad configuration), print what happened and exit: 0 if every"
            + " expected outcome happened, 1 if not.")
    boolean demo;

    @Option(names = "--scenario", paramLabel = "NAME", split = ",", description = "With --demo: play only these scenarios, in"
            + " this order: ${COMPLETION-CANDIDATES}.", completionCandidates = DemoScenarios.class)
    List<String> scenarios;

    @Option(names = "--report", paramLabel = "FILE", description = "With --demo: also write the outcome as JSON to FILE.")
    Path report;

    @Spec
    CommandSpec spec;

    private final CliContext context;
    // Held for as long as the command runs: java.util.logging forgets the level of a logger no one references.
    private final java.util.logging.Logger sqlite = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    LocalCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalBackend chosen = chosenBackend();
        if (!Files.isRegularFile(template)) {
            // A usage error, as for every file a command line names (exit 2): nothing has started.
            throw new UsageError("no template at " + template.toAbsolutePath() + ": run from the repository root or pass --template");
        }
        // DynamoDB Local's SQLite binding reports an unknown jar version on every start: noise, not a problem.
        sqlite.setLevel(verbose() ? java.util.logging.Level.INFO : java.util.logging.Level.SEVERE);
        if (verbose()) {
            FUNCTION_LOGGERS.forEach(logger -> Configurator.setLevel(logger, Level.INFO));
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalSystemListener console = line -> {
            out.println(line);
            out.flush();
        };
        LocalSystem system;
        try {
            system = LocalSystem.start(new LocalSystemOptions(template, port, timeScale, context.variable(SECRET_VARIABLE),
                    chosen), console);
        } catch (PortInUseException | AwsProfileAccount.AwsProfileException | LocalStackRefusedException | IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        if (demo) {
            return runDemo(system, out);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                system.close();
            } finally {
                stopped.countDown();
            }
        }, "caretaker-local-shutdown"));
        out.println();
        out.println("Caretaker is running on " + system.apiEndpoint() + " (Ctrl-C stops it)");
        out.println(context.variable(SECRET_VARIABLE).isPresent()
                ? "Webhook secret of source " + LocalSystem.WEBHOOK_SOURCE + ": from " + SECRET_VARIABLE
                : "Webhook secret of source " + LocalSystem.WEBHOOK_SOURCE + ": " + system.webhookSecret());
        out.println("Try:  export SECRET=<that secret> CARETAKER_API=" + system.apiEndpoint());
        out.println("      echo '" + EXAMPLE_RELEASE + "' > release.json");
        out.println("      ./caretaker webhook send --source vendor --secret-env SECRET release.json");
        out.println("      ./caretaker jobs list");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** The demo's scenario names, for --help and completion. */
    static final class DemoScenarios implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return LocalDemo.SCENARIOS.keySet().iterator();
        }
    }

    private LocalBackend chosenBackend() {
        if (scenarios != null) {
            if (!demo) {
                throw new UsageError("--scenario goes with --demo");
            }
            for (String name : scenarios) {
                if (!LocalDemo.SCENARIOS.containsKey(name)) {
                    throw new UsageError("unknown scenario '" + name + "'; expected one of " + String.join(", ", LocalDemo.SCENARIOS.keySet()));
                }
            }
        }
        if (backend != Backend.localstack && endpoint != null) {
            throw new UsageError("--endpoint goes with --backend localstack");
        }
        if (backend != Backend.aws && (profile != null || stacks != null)) {
            throw new UsageError((profile != null ? "--profile" : "--stacks") + " goes with --backend aws");
        }
        return switch (backend) {
            case embedded -> new LocalBackend.Embedded();
            case localstack -> {
                if (endpoint == null) {
                    throw new UsageError("--backend localstack needs --endpoint URL (LocalStack's, e.g. http://127.0.0.1:4566)");
                }
                yield new LocalBackend.LocalStack(endpoint);
            }
            case aws -> {
                if (demo) {
                    throw new UsageError("--demo plays a script on the sandbox account; it does not run with --backend aws");
                }
                String name = Optional.ofNullable(profile).filter(value -> !value.isBlank())
                        .or(() -> context.variable("AWS_PROFILE"))
                        .orElseThrow(() -> new UsageError("--backend aws needs --profile NAME (or AWS_PROFILE)"));
                yield new LocalBackend.Aws(name, profileFiles(), stacks == null ? List.of() : stacks);
            }
        };
    }

    /** Where the SDK looks too: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials. */
    private LocalBackend.ProfileFiles profileFiles() {
        Optional<Path> home = context.variable("HOME").map(Path::of);
        return new LocalBackend.ProfileFiles(
                context.variable("AWS_CONFIG_FILE").map(Path::of).or(() -> home.map(dir -> dir.resolve(".aws/config"))),
                context.variable("AWS_SHARED_CREDENTIALS_FILE").map(Path::of)
                        .or(() -> home.map(dir -> dir.resolve(".aws/credentials"))));
    }

    private int runDemo(LocalSystem system, PrintWriter out) throws InterruptedException {
        try (system) {
            DemoReport outcome = new LocalDemo(system, Clock.systemUTC(), line -> {
                out.println("[demo] " + line);
                out.flush();
            }).run(scenarios == null ? LocalDemo.DEFAULT : scenarios);
            out.println();
            out.print(outcome.summary());
            out.flush();
            if (report != null) {
                try {
                    Path parent = report.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    Files.writeString(report, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(outcome.toJson()));
                } catch (IOException e) {
                    throw new CliFailure("cannot write the demo report to " + report + ": " + e.getMessage(), e);
                }
                out.println("report written to " + report);
            }
            return outcome.passed() ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }

    /** --verbose is inherited from the top command; it counts wherever on the line it was given. */
    private boolean verbose() {
        for (ParseResult level = spec.root().commandLine().getParseResult(); level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
