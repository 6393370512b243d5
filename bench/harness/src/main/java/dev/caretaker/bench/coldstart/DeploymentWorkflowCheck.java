package dev.caretaker.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.local.stepfunctions.ExecutionDescription;
import dev.caretaker.local.stepfunctions.ExecutionEnvironment;
import dev.caretaker.local.stepfunctions.ExecutionStatus;
import dev.caretaker.local.stepfunctions.LambdaServiceError;
import dev.caretaker.local.stepfunctions.LocalStateMachine;
import dev.caretaker.local.stepfunctions.StateMachineDefinition;
import dev.caretaker.local.stepfunctions.TaskFunction;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The deployment worker's deployed jar through a whole deployment: the local runtime's interpreter
 * of the workflow's state machine (template.yaml's DefinitionS3Location) runs an execution whose
 * Lambda tasks all go, over the Runtime API, to one JVM running the jar, kept warm between them as
 * Lambda keeps a sandbox. The release is one of the local demo's signed releases, for a stack the
 * sandbox account does not have yet, so every step from Begin to Finish runs: the signature
 * verified, the gate, the prerequisites, the change set previewed and executed, the stack watched
 * until it is created, its health checked. The cold start measures only the first task; this is
 * where the rest of the shrunk jar runs.
 */
final class DeploymentWorkflowCheck {

    static final String LOGICAL_ID = "DeploymentWorkerFunction";
    /** A release of the demo vendor (cli's DemoReleases) for a stack the bench's sandbox does not run: a create. */
    private static final String STACK = "reports";
    private static final String VERSION = "1.0.0";
    private static final Duration LONGEST_WAIT = Duration.ofMillis(200);

    private final LambdaJvm jvm;
    private final Path repo;
    private final Path work;
    private final PrintStream out;

    DeploymentWorkflowCheck(LambdaJvm jvm, Path repo, Path work, PrintStream out) {
        this.jvm = jvm;
        this.repo = repo;
        this.work = work;
        this.out = out;
    }

    /** Runs one deployment to its end; throws unless it ends SUCCEEDED. */
    void run(ColdStartBench.EnvironmentProcess environment, RuntimeApi api, Path task) throws Exception {
        JsonNode deployment = environment.deployment(STACK, VERSION);
        Map<String, String> variables = new LinkedHashMap<>(environment.environmentOf(LOGICAL_ID));
        deployment.path("environment").properties().forEach(variable -> variables.put(variable.getKey(), variable.getValue().asText()));
        String handler = String.valueOf(jvm.property(LOGICAL_ID, "Handler"));
        Path definition = repo.resolve(String.valueOf(jvm.property("DeploymentStateMachine", "DefinitionS3Location")));
        String workerArn = "arn:aws:lambda:" + BenchEnvironment.REGION + ":000000000000:function:caretaker-bench-deployment-worker";
        String stateMachineArn = "arn:aws:states:" + BenchEnvironment.REGION + ":000000000000:stateMachine:caretaker-bench-deployment";
        Path log = work.resolve("logs").resolve("deployment-worker+workflow.log");
        List<String> tasks = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        // The worker closes first: an execution still running then meets a dead function and ends, so closing the executor cannot hang.
        try (ExecutorService executions = Executors.newVirtualThreadPerTaskExecutor();
             LambdaJvm.Started worker = jvm.warm(task, handler, variables, api, log)) {
            TaskFunction jar = payload -> {
                tasks.add(payload.path("action").asText());
                RuntimeApi.Session.Answer answer = worker.invoke(Json.write(payload).getBytes(StandardCharsets.UTF_8));
                if (answer.error()) {
                    // A function error as Step Functions sees it: the error is the runtime's errorType, the cause its document.
                    throw new LambdaServiceError(Json.read(answer.body(), JsonNode.class).path("errorType").asText("Lambda.Unknown"),
                            answer.body());
                }
                return Json.read(answer.body(), JsonNode.class);
            };
            LocalStateMachine machine = new LocalStateMachine(stateMachineArn,
                    StateMachineDefinition.load(definition, Map.of("DeploymentWorkerFunctionArn", workerArn)), Map.of(workerArn, jar),
                    new ExecutionEnvironment(executions, Clock.systemUTC(), DeploymentWorkflowCheck::shortWait, new Random()));
            String name = deployment.path("input").path("jobId").asText();
            machine.startExecution(name, Json.write(deployment.get("input")));
            ExecutionDescription end = machine.awaitCompletion(name, Duration.ofMinutes(3));
            out.printf("%-28s %6.2f MB jar  %5.0f ms  deploying %s %s: %s after %d tasks (%s)%n", "deployment-worker+workflow",
                    task.resolve("lib/function.jar").toFile().length() / 1048576.0, (System.nanoTime() - started) / 1e6,
                    STACK, VERSION, end.status(), tasks.size(), String.join(" ", tasks));
            if (end.status() != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("the deployment of " + STACK + " " + VERSION + " through the deployment worker's jar ended "
                        + end.status() + ": " + end.error() + " " + end.cause() + " (log: " + log + ")");
            }
        }
    }

    /** The workflow's waits (for a change set, a stack, a health window) are polls: the sandbox moves on without them. */
    private static void shortWait(Duration duration) throws InterruptedException {
        Thread.sleep(Math.min(duration.toMillis(), LONGEST_WAIT.toMillis()));
    }
}
