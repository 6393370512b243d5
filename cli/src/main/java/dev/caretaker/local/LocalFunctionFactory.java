package dev.caretaker.local;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.local.functions.LocalFunction;
import dev.caretaker.local.functions.LocalLambdaContext;
import dev.caretaker.local.resources.LocalResources;
import dev.caretaker.template.Template;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Builds a template function from its real handler class with the environment Lambda would give
 * it (the template's variables resolved against the local resources) plus the endpoint overrides
 * that point its SDK clients at the local engines, bus, state machine and sandbox.
 */
final class LocalFunctionFactory {

    private final Template template;
    private final LocalResources resources;
    private final LocalAccount account;
    private final Clock clock;

    LocalFunctionFactory(Template template, LocalResources resources, LocalAccount account, Clock clock) {
        this.template = template;
        this.resources = resources;
        this.account = account;
        this.clock = clock;
    }

    /** SDK clients as a function gets them: {@code environment}'s region and endpoints, the local account's keys. */
    static AwsClientFactory clients(LocalAccount account, Map<String, String> environment) {
        Map<String, String> withRegion = new LinkedHashMap<>(environment);
        withRegion.putIfAbsent("AWS_REGION", account.region());
        return new AwsClientFactory(withRegion, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())));
    }

    LocalFunction build(String logicalId, Map<String, String> serviceEndpoints) {
        Map<String, String> environment = new LinkedHashMap<>(resources.environmentOf(logicalId));
        environment.putAll(serviceEndpoints);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", logicalId);
        String handler = String.valueOf(property(logicalId, "Handler"));
        String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        return LocalFunction.build(logicalId, handlerClass, clients(account, environment), clock);
    }

    /** A fresh context per invocation, as Lambda gives: the function's template timeout and memory. */
    LocalLambdaContext context(String logicalId) {
        Duration timeout = Duration.ofSeconds(Long.parseLong(String.valueOf(property(logicalId, "Timeout"))));
        int memory = Integer.parseInt(String.valueOf(property(logicalId, "MemorySize")));
        return new LocalLambdaContext(logicalId, timeout, memory, clock);
    }

    /** The function's own property, else the one in Globals.Function. */
    private Object property(String logicalId, String name) {
        Object own = template.resources().get(logicalId).properties().get(name);
        if (own != null) {
            return own;
        }
        if (template.section("Globals").get("Function") instanceof Map<?, ?> globals && globals.get(name) != null) {
            return globals.get(name);
        }
        throw new IllegalArgumentException(logicalId + " has no " + name + " in the template, nor in Globals.Function");
    }
}
