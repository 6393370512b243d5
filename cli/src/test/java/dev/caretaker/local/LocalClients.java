package dev.caretaker.local;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.local.engines.EngineEndpoints;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** SDK clients for tests of the local runtime, built the way the handlers build theirs. */
public final class LocalClients {

    public static final LocalAccount ACCOUNT = LocalAccount.in("eu-west-1");

    private LocalClients() {
    }

    /** A client factory pointed at the engines, with retries off so a test sees each failure once. */
    public static AwsClientFactory on(EngineEndpoints endpoints) {
        Map<String, String> environment = new HashMap<>(endpoints.environment());
        return factory(environment);
    }

    /** A client factory pointed at one endpoint for every service (the sandbox, the event bus). */
    public static AwsClientFactory at(java.net.URI endpoint) {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_ENDPOINT_URL", endpoint.toString());
        return factory(environment);
    }

    private static AwsClientFactory factory(Map<String, String> environment) {
        environment.put("AWS_REGION", ACCOUNT.region());
        environment.put("AWS_MAX_ATTEMPTS", "1");
        return new AwsClientFactory(environment, credentials());
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT.accessKeyId(), ACCOUNT.secretAccessKey()));
    }
}
