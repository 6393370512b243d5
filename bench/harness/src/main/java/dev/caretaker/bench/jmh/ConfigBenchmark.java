package dev.caretaker.bench.jmh;

import dev.caretaker.config.ConfigDirectory;
import dev.caretaker.config.ConfigValidator;
import dev.caretaker.config.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * examples/config for one environment, as `caretaker config validate` and the functions take it:
 * read and parse base.yaml and the environment's file, validate each against the JSON Schema and
 * the semantic rules, merge the layers and validate the result. The validator (its compiled
 * schema) is built once, as a function builds it once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ConfigBenchmark {

    @Param({"dev", "staging", "prod"})
    public String environment;

    private ConfigDirectory directory;
    private ConfigValidator validator;

    @Setup
    public void setUp() {
        Path examples = Path.of(System.getProperty("caretaker.repo", ".")).resolve("examples/config");
        if (!Files.isDirectory(examples)) {
            throw new IllegalStateException(examples.toAbsolutePath() + " is missing: run from the repository root (bench/jmh.sh does)");
        }
        directory = new ConfigDirectory(examples);
        validator = new ConfigValidator();
        if (!directory.validate(environment, validator).valid()) {
            throw new IllegalStateException("examples/config is invalid for " + environment);
        }
    }

    @Benchmark
    public Validation loadValidateMerge() {
        return directory.validate(environment, validator);
    }
}
