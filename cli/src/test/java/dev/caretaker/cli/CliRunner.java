package dev.caretaker.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code caretaker} in-process, with its own environment, clock and stdin, and captures out and err. */
final class CliRunner {

    static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");

    record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> environment = new HashMap<>();
    private byte[] stdin = new byte[0];
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private RequestSignerFactory signers;

    CliRunner env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    CliRunner stdin(String text) {
        this.stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    CliRunner clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    CliRunner signers(RequestSignerFactory signers) {
        this.signers = signers;
        return this;
    }

    CliContext context() {
        RequestSignerFactory chosen = signers != null ? signers : new AwsRequestSignerFactory(environment, clock);
        return new CliContext(environment, new ByteArrayInputStream(stdin), clock, chosen);
    }

    CommandLine commandLine() {
        return CaretakerCli.commandLine(context());
    }

    Result run(String... args) {
        CommandLine cli = commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
