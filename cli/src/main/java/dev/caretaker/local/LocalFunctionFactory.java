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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
    private final AwsAccountAccess accountAccess;
    private final Clock clock;

    LocalFunctionFactory(Template template, LocalResources resources, LocalAccount account, AwsAccountAccess accountAccess,
                         Clock clock) {
        this.template = template;
        this.resources = resources;
        this.account = account;
        this.accountAccess = accountAccess;
        this.clock = clock;
    }

    /** SDK clients for the local engines: {@code environment}'s region and endpoints, the local account's keys. */
    static AwsClientFactory clients(LocalAccount account, Map<String, String> environment) {
        return new AwsClientFactory(withRegion(account, environment), localCredentials(account));
    }

    static AwsCredentialsProvider localCredentials(LocalAccount account) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
    }

    /**
     * SDK clients as a function gets them: the local account's keys for Caretaker's own state, the
     * account access's credentials for the account's APIs.
     */
    private AwsClientFactory functionClients(Map<String, String> environment) {
        AwsCredentialsProvider local = localCredentials(account);
        return AwsClientFactory.withCredentialsPerService(withRegion(account, environment),
                service -> accountAccess.services().contains(service) ? accountAccess.credentials() : local);
    }

    private static Map<String, String> withRegion(LocalAccount account, Map<String, String> environment) {
        Map<String, String> withRegion = new LinkedHashMap<>(environment);
        withRegion.putIfAbsent("AWS_REGION", account.region());
        return withRegion;
    }

    LocalFunction build(String logicalId, Map<String, String> serviceEndpoints) {
        Map<String, String> environment = new LinkedHashMap<>(resources.environmentOf(logicalId));
        environment.putAll(serviceEndpoints);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", logicalId);
        String handler = String.valueOf(property(logicalId, "Handler"));
        String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        return LocalFunction.build(logicalId, handlerClass, functionClients(environment), clock);
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
