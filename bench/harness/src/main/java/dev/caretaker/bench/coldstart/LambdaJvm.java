package dev.caretaker.bench.coldstart;

import dev.caretaker.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Starts a JVM the way the java21 managed runtime does (bench/README.md gives the source of the
 * flags): the runtime's jars first on the classpath, the runtime interface client as main class,
 * the handler string as its argument, the function's directory as working directory.
 */
final class LambdaJvm {

    static final String RIC_VERSION = "2.10.1";
    /** template.yaml's Globals.Function.MemorySize. */
    private static final int MEMORY_MB = 1024;
    private static final long RESPONSE_TIMEOUT_SECONDS = 120;
    private static final String JNI = "jni/libaws-lambda-jni.linux-x86_64.so";

    private final Path java;
    private final String classpath;
    private final Path jni;
    private final Template template;
    private final String javaVersion;
    private final List<String> extraFlags;

    private LambdaJvm(Path java, String classpath, Path jni, Template template, String javaVersion, List<String> extraFlags) {
        this.java = java;
        this.classpath = classpath;
        this.jni = jni;
        this.template = template;
        this.javaVersion = javaVersion;
        this.extraFlags = extraFlags;
    }

    static LambdaJvm locate(Path repo) throws IOException {
        Path runtime = repo.resolve("bench/harness/target/lambda-runtime");
        List<String> jars = new ArrayList<>();
        Path ric = null;
        try (Stream<Path> files = Files.list(runtime)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toString());
                if (jar.getFileName().toString().contains("runtime-interface-client")) {
                    ric = jar;
                }
            }
        }
        if (ric == null) {
            throw new IllegalStateException("no runtime interface client in " + runtime + ": build with bench/coldstart.sh");
        }
        // The managed runtime points the client at its JNI library; extracting it once keeps that out of every run.
        Path jni = runtime.resolve("libaws-lambda-jni.so");
        try (ZipFile zip = new ZipFile(ric.toFile()); InputStream in = zip.getInputStream(requireEntry(zip, JNI))) {
            Files.copy(in, jni, StandardCopyOption.REPLACE_EXISTING);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new LambdaJvm(java, String.join(":", jars), jni, Template.load(repo.resolve("template.yaml")),
                System.getProperty("java.version"), extraFlags(System.getenv("BENCH_JVM_OPTIONS")));
    }

    /** Diagnostic flags for the functions' JVMs (bench/README.md, "Profiling a cold start"); they go into the results file. */
    private static List<String> extraFlags(String options) {
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    private static ZipEntry requireEntry(ZipFile zip, String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IllegalStateException(zip.getName() + " has no " + name);
        }
        return entry;
    }

    String javaVersion() {
        return javaVersion;
    }

    Object handlerOf(String logicalId) {
        return property(logicalId, "Handler");
    }

    /** A property of a template.yaml resource, as written. */
    Object property(String logicalId, String name) {
        return template.resources().get(logicalId).properties().get(name);
    }

    /** The java21 runtime's flags, as far as they apply off Lambda (bench/README.md). */
    List<String> flags() {
        List<String> flags = new ArrayList<>(List.of(
                // Lambda's JVM sees the function's memory as the machine's (cgroup), which sizes its default heap and
                // young generation; without this it would size them from this machine's 24 GB and rarely collect.
                "-XX:MaxRAM=" + MEMORY_MB + "m",
                "-XX:MaxHeapSize=" + (MEMORY_MB * 85 / 100) + "m",
                "-XX:+UseSerialGC",
                // Lambda maps its own CDS archive of the runtime (-Xshare:on with runtime.jsa); here the JDK's default one.
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr",
                "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + jni));
        flags.addAll(extraFlags);
        return flags;
    }

    /**
     * One cold start: starts the JVM, waits for its response on the Runtime API, reads its peak
     * RSS while it waits for the next event (as a frozen sandbox would), then ends it.
     */
    Run coldStart(Path task, String handler, Map<String, String> functionEnvironment, RuntimeApi api, byte[] event,
                  boolean snapStart, Path classLog, Path log) throws IOException, InterruptedException {
        try (Started started = start(task, handler, functionEnvironment, api, event, snapStart, classLog, log)) {
            RuntimeApi.Session session = started.session();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESPONSE_TIMEOUT_SECONDS);
            while (!session.awaitResponse(250, TimeUnit.MILLISECONDS)) {
                started.requireAlive(deadline);
            }
            double peakRss = peakRssMb(started.process().pid());
            int classes = classLog == null ? 0 : countClasses(started.process(), classLog);
            long initEnd = snapStart && session.restored != 0 ? session.restored : session.firstNext;
            return new Run(ms(session.responded - started.nanos()), ms(initEnd - started.nanos()),
                    ms(session.responded - session.firstNext), peakRss, classes, session.response, session.error);
        }
    }

    /** Starts the function and leaves it waiting: {@link Started#invoke} hands it events, close ends it. */
    Started warm(Path task, String handler, Map<String, String> functionEnvironment, RuntimeApi api, Path log) throws IOException {
        return start(task, handler, functionEnvironment, api, null, false, null, log);
    }

    private Started start(Path task, String handler, Map<String, String> functionEnvironment, RuntimeApi api, byte[] event,
                          boolean snapStart, Path classLog, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(flags());
        if (classLog != null) {
            command.add("-Xlog:class+load=info:file=" + classLog);
        }
        command.addAll(List.of("-classpath", classpath, "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler));
        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile());
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(functionEnvironment);
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("LAMBDA_TASK_ROOT", task.toString());
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(MEMORY_MB));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("_HANDLER", handler);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
        RuntimeApi.Session session = api.begin(event);
        long started = System.nanoTime();
        return new Started(builder.start(), session, started, log);
    }

    /** A function's JVM on the runtime client, the Runtime API session it talks to, when it started, where it logs. */
    record Started(Process process, RuntimeApi.Session session, long nanos, Path log) implements AutoCloseable {

        /** Hands the function its next event and waits for its answer, as long as the function lives. */
        RuntimeApi.Session.Answer invoke(byte[] event) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESPONSE_TIMEOUT_SECONDS);
            session.send(event);
            RuntimeApi.Session.Answer answer;
            while ((answer = session.answer(250, TimeUnit.MILLISECONDS)) == null) {
                requireAlive(deadline);
            }
            return answer;
        }

        /** Throws once the JVM has ended (a runtime client whose handler failed to start ends) or the deadline passed. */
        void requireAlive(long deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the function's JVM ended (exit " + process.exitValue() + ") without answering; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the function gave no answer within " + RESPONSE_TIMEOUT_SECONDS + " s; see " + log);
            }
        }

        @Override
        public void close() throws InterruptedException {
            session.release();
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int countClasses(Process process, Path classLog) throws IOException, InterruptedException {
        // The log is complete once the JVM is gone; the response came before the end, so nothing after it is missed.
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        try (Stream<String> lines = Files.lines(classLog)) {
            return (int) lines.filter(line -> line.contains("source:")).count();
        }
    }

    private static double peakRssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmHWM for process " + pid);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
