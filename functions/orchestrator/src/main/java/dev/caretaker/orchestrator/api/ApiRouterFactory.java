package dev.caretaker.orchestrator.api;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.deployments.DeploymentStore;
import dev.caretaker.deployments.DynamoDbDeploymentStore;
import dev.caretaker.events.EventBridgePublisher;
import dev.caretaker.job.JobStore;
import dev.caretaker.orchestrator.deployments.DeploymentApprovals;
import dev.caretaker.orchestrator.deployments.DeploymentCancellation;
import dev.caretaker.orchestrator.deployments.DeploymentLauncher;
import dev.caretaker.orchestrator.deployments.DeploymentsEndpoint;
import dev.caretaker.orchestrator.deployments.StepFunctionsWorkflowControl;
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
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
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
    public static final String ENV_EVENT_BUS = "EVENT_BUS_NAME";
    public static final String ENV_ENVIRONMENT = "CARETAKER_ENVIRONMENT";

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouterFactory.class);

    private ApiRouterFactory() {
    }

    /**
     * Reads STATE_TABLE, DEPLOYMENT_STATE_MACHINE_ARN and EVENT_BUS_NAME (required),
     * GITHUB_RELEASE_STACK and CARETAKER_ENVIRONMENT (optional) and at most one of WEBHOOK_SECRET_ID
     * (Secrets Manager) and WEBHOOK_SECRET_PARAMETER_PREFIX (SSM Parameter Store). With neither,
     * every webhook source is unknown (404) and only the status and deployment routes are useful.
     */
    public static ApiRouter fromEnvironment(AwsClientFactory clients, JobStore jobs, Clock clock) {
        Parts parts = Parts.from(clients, jobs, clock);
        return new ApiRouter(parts.webhooks(), new JobsEndpoint(jobs), parts.deployments());
    }

    /**
     * As above, with {@code POST /drift/checks} fanning out through {@code driftChecks} and the
     * configuration provider {@code GET /config} reports on.
     */
    public static ApiRouter fromEnvironment(AwsClientFactory clients, JobStore jobs, Clock clock, DriftChecksEndpoint driftChecks,
                                            Optional<ConfigProvider> config) {
        Parts parts = Parts.from(clients, jobs, clock);
        return new ApiRouter(parts.webhooks(), new JobsEndpoint(jobs), Optional.of(driftChecks), new ConfigEndpoint(config),
                Optional.of(parts.deployments()));
    }

    /** The endpoints that share the deployment record, the workflow and its starter. */
    private record Parts(WebhookEndpoint webhooks, DeploymentsEndpoint deployments) {

        static Parts from(AwsClientFactory clients, JobStore jobs, Clock clock) {
            DynamoDbClient dynamo = clients.build(DynamoDbClient.builder(), "DYNAMODB");
            String table = clients.require(ENV_STATE_TABLE);
            String stateMachineArn = clients.require(ENV_STATE_MACHINE);
            String busName = clients.require(ENV_EVENT_BUS);
            Optional<String> githubStack = Optional.ofNullable(clients.optional(ENV_GITHUB_RELEASE_STACK, null));
            SfnClient sfn = clients.build(SfnClient.builder(), "SFN");
            DeploymentStore store = new DynamoDbDeploymentStore(dynamo, table);
            DeploymentLauncher launcher = new DeploymentLauncher(store, new StepFunctionsDeploymentStarter(sfn, stateMachineArn),
                    clients.optional(ENV_ENVIRONMENT, null), clock);
            StepFunctionsWorkflowControl workflow = new StepFunctionsWorkflowControl(sfn, stateMachineArn);
            DeploymentApprovals approvals = new DeploymentApprovals(store, workflow, clock);
            DeploymentCancellation cancellation = new DeploymentCancellation(store, jobs, workflow,
                    new EventBridgePublisher(clients.build(EventBridgeClient.builder(), "EVENTBRIDGE"), busName), clock);
            WebhookSecrets secrets = new CachingWebhookSecrets(secretsFromEnvironment(clients),
                    CachingWebhookSecrets.DEFAULT_TTL, clock);
            WebhookEndpoint webhooks = new WebhookEndpoint(secrets, new DynamoDbDeliveryReplayGuard(dynamo, table), jobs,
                    launcher, approvals, githubStack, clock);
            return new Parts(webhooks, new DeploymentsEndpoint(jobs, store, launcher, approvals, cancellation, clock));
        }
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
