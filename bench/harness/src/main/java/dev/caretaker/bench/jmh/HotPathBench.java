package dev.caretaker.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.bench.results.Machine;
import dev.caretaker.bench.results.ResultsFile;
import dev.caretaker.json.Json;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the hot-path benchmarks of this package with JMH and writes their figures, with the machine
 * and its load, to a results file. Usage: {@code HotPathBench [REGEX] [--forks N] [--out FILE]}.
 */
public final class HotPathBench {

    /** Goal for a 10-record batch through the worker runtime, I/O excluded (issue 7). */
    static final double WORKER_BATCH_GOAL_US = 160;

    private HotPathBench() {
    }

    public static void main(String[] args) throws Exception {
        String include = HotPathBench.class.getPackageName() + ".*Benchmark.*";
        Integer forks = null;
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--forks" -> forks = Integer.parseInt(args[++i]);
                case "--out" -> output = Path.of(args[++i]);
                default -> include = args[i];
            }
        }
        Path repo = Path.of("").toAbsolutePath();
        Machine before = Machine.now();
        ChainedOptionsBuilder options = new OptionsBuilder().include(include).shouldFailOnError(true)
                .jvmArgsAppend("-Dcaretaker.repo=" + repo, "-Xmx1g");
        if (forks != null) {
            options.forks(forks);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Machine after = Machine.now();

        ObjectNode root = Json.mapper().createObjectNode();
        root.set("machine", before.toJson(after));
        root.put("java", System.getProperty("java.version"));
        root.put("jmh", "1.37");
        ObjectNode benchmarks = root.putObject("benchmarks");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replace(HotPathBench.class.getPackageName() + ".", "");
            String params = result.getParams().getParamsKeys().stream().map(key -> key + "=" + result.getParams().getParam(key))
                    .reduce((a, b) -> a + "," + b).map(p -> "[" + p + "]").orElse("");
            ObjectNode json = benchmarks.putObject(name + params);
            json.put("mode", result.getParams().getMode().shortLabel());
            json.put("unit", result.getPrimaryResult().getScoreUnit());
            json.put("score", result.getPrimaryResult().getScore());
            json.put("error99", result.getPrimaryResult().getScoreError());
            json.put("samples", result.getPrimaryResult().getSampleCount());
            if (name.startsWith("WorkerRuntimeBenchmark")) {
                json.put("goal", WORKER_BATCH_GOAL_US);
                json.put("goalMet", result.getPrimaryResult().getScore() <= WORKER_BATCH_GOAL_US);
            }
        }
        Path file = ResultsFile.write(repo, "jmh", root, output);
        System.out.println("results: " + repo.relativize(file.toAbsolutePath()));
    }
}
