package dev.caretaker.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.bench.results.Machine;
import dev.caretaker.bench.results.ResultsFile;
import dev.caretaker.bench.results.Stats;
import dev.caretaker.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Cold start per function, the way the java21 managed runtime starts one: a fresh JVM with that
 * runtime's flags runs the real runtime interface client, which loads the function's jar from
 * {@code <task>/lib/}, builds the handler and takes the function's first realistic event from
 * {@code events/} through the Runtime API ({@link RuntimeApi}); the handler's calls go to the
 * engines and the sandbox account in a separate process ({@link BenchEnvironment}).
 *
 * <p>Each round runs every variant once, in the same order: the floor (hello world), then per
 * function the function, its default-wired twin and the SnapStart proxy. Ratios are taken within a
 * round, so a load change between rounds moves both sides of a ratio.
 *
 * <p>Usage: {@code ColdStartBench [--rounds N] [--only Fn,Fn] [--out FILE]} from the repository root.
 * {@code --check} runs each function's deployed jar once, cold and after SnapStart priming, and
 * fails unless every one answers without an error: what CI runs to prove the shrunk jars whole.
 */
public final class ColdStartBench {

    /** The function, its module, its first realistic event, the twin's handler class. */
    record Function(String logicalId, String module, String event, String twinHandler) {
    }

    static final List<Function> FUNCTIONS = List.of(
            new Function("OrchestratorFunction", "orchestrator", "events/schedule-drift.json",
                    "dev.caretaker.bench.twin.OrchestratorTwin::handleRequest"),
            new Function("DeploymentWorkerFunction", "deployment-worker", "events/deployment-task-begin.json",
                    "dev.caretaker.bench.twin.DeploymentWorkerTwin::handleRequest"),
            new Function("DriftWorkerFunction", "drift-worker", "events/sqs-drift-batch.json",
                    "dev.caretaker.bench.twin.DriftWorkerTwin::handleRequest"),
            new Function("CostWorkerFunction", "cost-worker", "events/sqs-cost-batch.json",
                    "dev.caretaker.bench.twin.CostWorkerTwin::handleRequest"),
            new Function("BackupWorkerFunction", "backup-worker", "events/sqs-backup-batch.json",
                    "dev.caretaker.bench.twin.BackupWorkerTwin::handleRequest"));

    private static final String FLOOR = "hello-world";
    private static final String FLOOR_HANDLER = "dev.caretaker.bench.hello.HelloHandler::handleRequest";

    private final Path repo;
    private final Path work;
    private final LambdaJvm jvm;
    private final PrintStream out;

    ColdStartBench(Path repo, LambdaJvm jvm, PrintStream out) {
        this.repo = repo;
        this.work = repo.resolve("bench/harness/target/coldstart");
        this.jvm = jvm;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 15;
        List<String> only = List.of();
        Path output = null;
        boolean check = false;
        boolean primingLists = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--check" -> check = true;
                case "--priming-lists" -> primingLists = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "--out" -> output = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: ColdStartBench [--rounds N] [--only Fn,Fn] [--out FILE] | --check [--only Fn,Fn]"
                        + " | --priming-lists [--only Fn,Fn]");
            }
        }
        Path repo = Path.of("").toAbsolutePath();
        List<String> selected = only;
        List<Function> functions = FUNCTIONS.stream().filter(f -> selected.isEmpty() || selected.contains(f.logicalId())).toList();
        ColdStartBench bench = new ColdStartBench(repo, LambdaJvm.locate(repo), System.out);
        if (check) {
            bench.check(functions);
            return;
        }
        if (primingLists) {
            bench.primingLists(functions);
            return;
        }
        ObjectNode results = bench.run(functions, rounds);
        Path file = ResultsFile.write(repo, "coldstart", results, output);
        System.out.println("results: " + repo.relativize(file.toAbsolutePath()));
    }

    ObjectNode run(List<Function> functions, int rounds) throws Exception {
        Files.createDirectories(work);
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put(FLOOR, variant(FLOOR, null, "hello", repo.resolve("bench/harness/target/caretaker-bench-harness-0.1.0-SNAPSHOT-hello.jar"),
                FLOOR_HANDLER, "events/sqs-drift-batch.json", false));
        for (Function function : functions) {
            String handler = String.valueOf(jvm.handlerOf(function.logicalId()));
            Path jar = repo.resolve("functions/" + function.module() + "/target/function.jar");
            variants.put(function.module(), variant(function.module(), function, function.module(), jar, handler, function.event(), false));
            variants.put(function.module() + "+twin", variant(function.module() + "+twin", function, "twin-" + function.module(),
                    repo.resolve("bench/twin-" + function.module() + "/target/twin.jar"), function.twinHandler(), function.event(), false));
            variants.put(function.module() + "+snapstart", variant(function.module() + "+snapstart", function, function.module(), jar,
                    handler, function.event(), true));
        }

        Machine before = Machine.now();
        out.printf("machine: %s; load average %.2f; java %s%n", before.cpu(), before.load1(), jvm.javaVersion());
        try (EnvironmentProcess environment = EnvironmentProcess.start(repo, work);
             RuntimeApi api = new RuntimeApi()) {
            // One untimed run each: warms the page cache, proves the variant works, counts its classes.
            for (Variant variant : variants.values()) {
                Run run = runOnce(variant, environment, api, true);
                variant.classesLoaded = run.classesLoaded();
                variant.firstResponse = run.response();
                out.printf("%-24s %5d classes  %6.2f MB jar  response: %s%n", variant.name, run.classesLoaded(),
                        variant.jarBytes / 1048576.0, abbreviate(run.response(), 150));
                if (run.error()) {
                    throw new IllegalStateException(variant.name + " failed: " + run.response());
                }
            }
            for (int round = 1; round <= rounds; round++) {
                StringBuilder line = new StringBuilder(String.format("round %2d (load %.2f):", round, Machine.now().load1()));
                for (Variant variant : variants.values()) {
                    Run run = runOnce(variant, environment, api, false);
                    if (run.error()) {
                        throw new IllegalStateException(variant.name + " failed in round " + round + ": " + run.response());
                    }
                    variant.runs.add(run);
                    line.append(String.format(" %s %.0f", variant.name, variant.snapStart ? run.invokeMs() : run.totalMs()));
                }
                out.println(line);
            }
        }
        Machine after = Machine.now();
        return report(variants, functions, rounds, before, after);
    }

    /** Each function's deployed jar once cold and once with SnapStart priming; throws on the first error. */
    void check(List<Function> functions) throws Exception {
        Files.createDirectories(work);
        List<Variant> variants = new ArrayList<>();
        for (Function function : functions) {
            String handler = String.valueOf(jvm.handlerOf(function.logicalId()));
            Path jar = repo.resolve("functions/" + function.module() + "/target/function.jar");
            variants.add(variant(function.module(), function, function.module(), jar, handler, function.event(), false));
            variants.add(variant(function.module() + "+snapstart", function, function.module(), jar, handler, function.event(), true));
        }
        try (EnvironmentProcess environment = EnvironmentProcess.start(repo, work);
             RuntimeApi api = new RuntimeApi()) {
            for (Variant variant : variants) {
                Run run = runOnce(variant, environment, api, false);
                out.printf("%-28s %6.2f MB jar  %5.0f ms  response: %s%n", variant.name, variant.jarBytes / 1048576.0, run.totalMs(),
                        abbreviate(run.response(), 150));
                if (run.error()) {
                    throw new IllegalStateException(variant.name + " failed: " + run.response() + " (log: "
                            + work.resolve("logs").resolve(variant.name + ".log") + ")");
                }
                if (variant.snapStart) {
                    primingLine(work.resolve("logs").resolve(variant.name + ".log")).ifPresent(line -> out.printf("%-28s %s%n", "", line));
                }
            }
            for (Variant variant : variants) {
                if (!variant.snapStart && variant.function.logicalId().equals(DeploymentWorkflowCheck.LOGICAL_ID)) {
                    new DeploymentWorkflowCheck(jvm, repo, work, out).run(environment, api, variant.task);
                    out.println("the deployment worker ran a deployment from its first task to its last");
                }
            }
        }
        out.println("every function answered, cold and after priming");
    }

    /** What SnapStartPriming logged about its class list: how many loaded, and how many a stale list no longer names. */
    private static Optional<String> primingLine(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("priming loaded")).findFirst()
                    .map(line -> line.replaceFirst(".*\"message\":\"(priming loaded[^\"]*)\".*", "$1"));
        }
    }

    /** Writes each function's list of the classes its first invocation after a restore loads that priming does not. */
    void primingLists(List<Function> functions) throws Exception {
        Files.createDirectories(work);
        PrimingLists lists = new PrimingLists(repo, out);
        try (EnvironmentProcess environment = EnvironmentProcess.start(repo, work);
             RuntimeApi api = new RuntimeApi()) {
            for (Function function : functions) {
                String handler = String.valueOf(jvm.handlerOf(function.logicalId()));
                Path jar = repo.resolve("functions/" + function.module() + "/target/function.jar");
                Variant variant = variant(function.module() + "+priming", function, function.module() + "+priming", jar, handler,
                        function.event(), true);
                PrimingLists.withoutList(variant.task.resolve("lib/function.jar"));
                Run run = runOnce(variant, environment, api, true);
                if (run.error()) {
                    throw new IllegalStateException(variant.name + " failed: " + run.response());
                }
                lists.write(function.module(), function.event(), PrimingLists.loadedAfterRestore(work.resolve("classes-" + variant.name + ".log")));
            }
        }
    }

    private Variant variant(String name, Function function, String taskName, Path jar, String handler, String event, boolean snapStart)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with bench/coldstart.sh (it packages the functions and twins)");
        }
        // The deployed layout (Makefile): <task>/lib/function.jar; the runtime client loads lib/*.jar.
        Path task = work.resolve("task").resolve(taskName);
        Files.createDirectories(task.resolve("lib"));
        Files.copy(jar, task.resolve("lib/function.jar"), StandardCopyOption.REPLACE_EXISTING);
        int entries;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            entries = zip.size();
        }
        return new Variant(name, function, task, handler, repo.resolve(event), snapStart, Files.size(jar), entries);
    }

    private Run runOnce(Variant variant, EnvironmentProcess environment, RuntimeApi api, boolean countClasses) throws Exception {
        String logicalId = variant.function == null ? "DriftWorkerFunction" : variant.function.logicalId();
        byte[] event = environment.prepare(logicalId, variant.event);
        Map<String, String> env = new LinkedHashMap<>(environment.environmentOf(logicalId));
        Path classLog = work.resolve("classes-" + variant.name + ".log");
        return jvm.coldStart(variant.task, variant.handler, env, api, event, variant.snapStart, countClasses ? classLog : null,
                work.resolve("logs").resolve(variant.name + ".log"));
    }

    private ObjectNode report(Map<String, Variant> variants, List<Function> functions, int rounds, Machine before, Machine after) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("benchmark", "coldstart");
        root.put("rounds", rounds);
        root.set("machine", before.toJson(after));
        root.put("java", jvm.javaVersion());
        ArrayNode flags = root.putArray("jvmFlags");
        jvm.flags().forEach(flags::add);
        root.put("note", "JDK " + jvm.javaVersion() + " running --release 21 bytecode (no JDK 21 on this machine); the real "
                + "runtime interface client " + LambdaJvm.RIC_VERSION + " in the measured JVM; engines, sandbox account and "
                + "stand-ins in a separate process. Total = process start to the response reaching the Runtime API.");

        ObjectNode variantsJson = root.putObject("variants");
        Variant floor = variants.get(FLOOR);
        out.println();
        out.printf("%-26s %9s %9s %9s %9s %8s %8s %8s%n", "variant", "total ms", "p25-p75", "init ms", "invoke ms", "RSS MB", "classes", "jar MB");
        for (Variant variant : variants.values()) {
            Stats total = Stats.of(variant.runs.stream().mapToDouble(Run::totalMs).toArray());
            Stats init = Stats.of(variant.runs.stream().mapToDouble(Run::initMs).toArray());
            Stats invoke = Stats.of(variant.runs.stream().mapToDouble(Run::invokeMs).toArray());
            Stats rss = Stats.of(variant.runs.stream().mapToDouble(Run::peakRssMb).toArray());
            ObjectNode json = variantsJson.putObject(variant.name);
            json.put("handler", variant.handler);
            json.put("snapStartProxy", variant.snapStart);
            json.put("jarBytes", variant.jarBytes);
            json.put("jarEntries", variant.jarEntries);
            json.put("classesLoaded", variant.classesLoaded);
            json.set("totalMs", total.toJson());
            json.set("initMs", init.toJson());
            json.set("invokeMs", invoke.toJson());
            json.set("peakRssMb", rss.toJson());
            json.put("firstResponse", variant.firstResponse);
            out.printf("%-26s %9.0f %4.0f-%-4.0f %9.0f %9.0f %8.0f %8d %8.2f%n", variant.name, total.median(), total.p25(), total.p75(),
                    init.median(), invoke.median(), rss.max(), variant.classesLoaded, variant.jarBytes / 1048576.0);
        }

        ObjectNode ratios = root.putObject("ratios");
        ObjectNode goals = root.putObject("goals");
        out.println();
        out.printf("%-20s %12s %12s %12s %16s %10s %8s%n", "function", "x twin", "x floor", "jar MB", "peak RSS MB", "invoke ms", "primed");
        for (Function function : functions) {
            Variant own = variants.get(function.module());
            Variant twin = variants.get(function.module() + "+twin");
            Variant primed = variants.get(function.module() + "+snapstart");
            Stats toTwin = pairwise(own, twin);
            Stats toFloor = pairwise(own, floor);
            ObjectNode ratio = ratios.putObject(function.module());
            ratio.set("toTwin", toTwin.toJson());
            ratio.set("toFloor", toFloor.toJson());
            double rss = Stats.of(own.runs.stream().mapToDouble(Run::peakRssMb).toArray()).max();
            double invoke = Stats.of(own.runs.stream().mapToDouble(Run::invokeMs).toArray()).median();
            double primedInvoke = Stats.of(primed.runs.stream().mapToDouble(Run::invokeMs).toArray()).median();
            ratio.put("firstInvokeMs", invoke);
            ratio.put("firstInvokeAfterPrimingMs", primedInvoke);
            ObjectNode goal = goals.putObject(function.module());
            goal.put("twinRatio", toTwin.median()).put("twinRatioGoal", 0.5).put("twinRatioMet", toTwin.median() <= 0.5);
            goal.put("floorRatio", toFloor.median()).put("floorRatioGoal", 15.0).put("floorRatioMet", toFloor.median() <= 15.0);
            goal.put("jarMb", own.jarBytes / 1048576.0).put("jarMbGoal", 15.0).put("jarMet", own.jarBytes <= 15L * 1048576);
            goal.put("peakRssMb", rss).put("peakRssMbGoal", 160.0).put("rssMet", rss <= 160.0);
            out.printf("%-20s %5.2f (%.2f-%.2f) %5.1f (%.1f-%.1f) %8.2f %12.0f %12.0f %8.0f%n", function.module(), toTwin.median(),
                    toTwin.p25(), toTwin.p75(), toFloor.median(), toFloor.p25(), toFloor.p75(), own.jarBytes / 1048576.0, rss,
                    invoke, primedInvoke);
        }
        return root;
    }

    /** The ratio of two variants' totals within each round, summarised over rounds. */
    private static Stats pairwise(Variant numerator, Variant denominator) {
        double[] ratios = new double[numerator.runs.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = numerator.runs.get(i).totalMs() / denominator.runs.get(i).totalMs();
        }
        return Stats.of(ratios);
    }

    private static String abbreviate(String text, int length) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= length ? flat : flat.substring(0, length) + "…";
    }

    /** A jar, a handler and an event; the runs it had. */
    static final class Variant {
        final String name;
        final Function function;
        final Path task;
        final String handler;
        final Path event;
        final boolean snapStart;
        final long jarBytes;
        final int jarEntries;
        final List<Run> runs = new ArrayList<>();
        int classesLoaded;
        String firstResponse;

        Variant(String name, Function function, Path task, String handler, Path event, boolean snapStart, long jarBytes, int jarEntries) {
            this.name = name;
            this.function = function;
            this.task = task;
            this.handler = handler;
            this.event = event;
            this.snapStart = snapStart;
            this.jarBytes = jarBytes;
            this.jarEntries = jarEntries;
        }
    }

    /** The environment process and its line protocol ({@link BenchEnvironment}). */
    static final class EnvironmentProcess implements AutoCloseable {
        private final Process process;
        private final BufferedReader replies;
        private final PrintStream commands;
        private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();

        private EnvironmentProcess(Process process) {
            this.process = process;
            this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        static EnvironmentProcess start(Path repo, Path work) throws IOException {
            Path log = work.resolve("environment.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                    "-Djava.io.tmpdir=" + work, "-cp", System.getProperty("java.class.path"),
                    BenchEnvironment.class.getName(), repo.toString())
                    .redirectError(log.toFile())
                    .start();
            EnvironmentProcess environment = new EnvironmentProcess(process);
            String ready = environment.replies.readLine();
            if (ready == null) {
                throw new IllegalStateException("the environment process ended before it was ready; see " + log);
            }
            JsonNode json = Json.read(ready, JsonNode.class);
            json.path("environments").properties().forEach(entry -> {
                Map<String, String> variables = new LinkedHashMap<>();
                entry.getValue().properties().forEach(variable -> variables.put(variable.getKey(), variable.getValue().asText()));
                environment.environments.put(entry.getKey(), variables);
            });
            return environment;
        }

        Map<String, String> environmentOf(String logicalId) {
            return environments.get(logicalId);
        }

        byte[] prepare(String logicalId, Path event) throws IOException {
            return ask("prepare " + logicalId + " " + event).getBytes(StandardCharsets.UTF_8);
        }

        /** A new deployment of the demo vendor's release: {"input": execution input, "environment": the worker's changes}. */
        JsonNode deployment(String stack, String version) throws IOException {
            return Json.read(ask("deployment " + stack + " " + version), JsonNode.class);
        }

        private String ask(String command) throws IOException {
            commands.println(command);
            String reply = replies.readLine();
            if (reply == null) {
                throw new IllegalStateException("the environment process ended");
            }
            JsonNode json = Json.read(reply, JsonNode.class);
            if (json.has("error") && json.size() == 1) {
                throw new IllegalStateException("'" + command + "' failed: " + json.get("error").asText());
            }
            return reply;
        }

        @Override
        public void close() throws InterruptedException {
            commands.println("stop");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        }
    }
}
