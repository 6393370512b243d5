package dev.caretaker.cli;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command may take from the world outside its arguments. Commands get it through their
 * constructor (see {@link CommandFactory}), so tests hand them an environment, a clock, standard
 * input and request signing of their own instead of the process's.
 *
 * @param environment the process environment (CARETAKER_API, AWS_REGION, webhook secret variables)
 * @param signers     how requests to a given API are authenticated
 */
public record CliContext(Map<String, String> environment, InputStream stdin, Clock clock, RequestSignerFactory signers) {

    public CliContext {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(signers, "signers");
    }

    public static CliContext fromSystem() {
        Map<String, String> environment = System.getenv();
        Clock clock = Clock.systemUTC();
        return new CliContext(environment, System.in, clock, new AwsRequestSignerFactory(environment, clock));
    }

    /** The variable's value, absent when it is unset or blank. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    /** Never the environment: it holds secrets (webhook secrets, AWS keys). */
    @Override
    public String toString() {
        return "CliContext[" + environment.size() + " environment variables, clock=" + clock + "]";
    }
}
