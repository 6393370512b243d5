package dev.caretaker.orchestrator.api;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.job.JobStore;
import dev.caretaker.orchestrator.webhook.CachingWebhookSecrets;
import dev.caretaker.orchestrator.webhook.DynamoDbDeliveryReplayGuard;
import dev.caretaker.orchestrator.webhook.SecretLookup;
import dev.caretaker.orchestrator.webhook.SecretsManagerWebhookSecrets;
import dev.caretaker.orchestrator.webhook.SsmWebhookSecrets;
import dev.caretaker.orchestrator.webhook.StepFunctionsDeploymentStarter;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import dev.caretaker.orchestrator.webhook.WebhookSecrets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Wires the {@link ApiRouter} and its adapters from the function's environment. */
public final class ApiRouterFactory {

    public static final String ENV_STATE_TABLE = "STATE_TABLE";
    public static final String ENV_STATE_MACHINE = "DEPLOYMENT_STATE_MACHINE_ARN";
    public static final String ENV_SECRET_ID = "WEBHOOK_SECRET_ID";
    public static final String ENV_SECRET_PARAMETER_PREFIX = "WEBHOOK_SECRET_PARAMETER_PREFIX";
    public static final String ENV_GITHUB_RELEASE_STACK = "GITHUB_RELEASE_STACK";

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouterFactory.class);

    private ApiRouterFactory() {
    }

    /**
     * Reads STATE_TABLE and DEPLOYMENT_STATE_MACHINE_ARN (required), GITHUB_RELEASE_STACK
     * (optional) and at most one of WEBHOOK_SECRET_ID (Secrets Manager) and
     * WEBHOOK_SECRET_PARAMETER_PREFIX (SSM Parameter Store). With neither, every webhook source
     * is unknown (404) and only the status routes are useful.
     */
    public static ApiRouter fromEnvironment(AwsClientFactory clients, JobStore jobs, Clock clock) {
        return fromEnvironment(clients, jobs, clock, Optional.empty());
    }

    /** As above, with the configuration provider {@code GET /config} reports on. */
    public static ApiRouter fromEnvironment(AwsClientFactory clients, JobStore jobs, Clock clock, Optional<ConfigProvider> config) {
        DynamoDbClient dynamo = clients.build(DynamoDbClient.builder(), "DYNAMODB");
        String table = clients.require(ENV_STATE_TABLE);
        String stateMachineArn = clients.require(ENV_STATE_MACHINE);
        Optional<String> githubStack = Optional.ofNullable(clients.optional(ENV_GITHUB_RELEASE_STACK, null));
        WebhookSecrets secrets = new CachingWebhookSecrets(secretsFromEnvironment(clients),
                CachingWebhookSecrets.DEFAULT_TTL, clock);
        WebhookEndpoint webhooks = new WebhookEndpoint(
                secrets,
                new DynamoDbDeliveryReplayGuard(dynamo, table),
                jobs,
                new StepFunctionsDeploymentStarter(clients.build(SfnClient.builder(), "SFN"), stateMachineArn),
                githubStack,
                clock);
        return new ApiRouter(webhooks, new JobsEndpoint(jobs), new ConfigEndpoint(config));
    }

    private static WebhookSecrets secretsFromEnvironment(AwsClientFactory clients) {
        String secretId = clients.optional(ENV_SECRET_ID, null);
        String prefix = clients.optional(ENV_SECRET_PARAMETER_PREFIX, null);
        if (secretId != null && prefix != null) {
            throw new IllegalStateException("set either " + ENV_SECRET_ID + " or " + ENV_SECRET_PARAMETER_PREFIX
                    + ", not both: webhook secrets must have one home");
        }
        if (secretId != null) {
            return new SecretsManagerWebhookSecrets(clients.build(SecretsManagerClient.builder(), "SECRETSMANAGER"),
                    secretId);
        }
        if (prefix != null) {
            return new SsmWebhookSecrets(clients.build(SsmClient.builder(), "SSM"), prefix);
        }
        LOG.warn("neither {} nor {} is set: every webhook will be answered 404", ENV_SECRET_ID,
                ENV_SECRET_PARAMETER_PREFIX);
        return source -> new SecretLookup.UnknownSource();
    }
}
