package dev.caretaker.orchestrator.api;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.job.JobStore;
import dev.caretaker.orchestrator.aws.AwsErrors;
import dev.caretaker.orchestrator.webhook.CachingWebhookSecrets;
import dev.caretaker.orchestrator.webhook.DynamoDbDeliveryReplayGuard;
import dev.caretaker.orchestrator.webhook.SecretLookup;
import dev.caretaker.orchestrator.webhook.SecretsManagerWebhookSecrets;
import dev.caretaker.orchestrator.webhook.SsmWebhookSecrets;
import dev.caretaker.orchestrator.webhook.StepFunctionsDeploymentStarter;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import dev.caretaker.orchestrator.webhook.WebhookSecrets;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The orchestrator's HTTP API: routes an {@link HttpRequest} to its endpoint and turns anything
 * unexpected into a JSON error instead of a Lambda failure (which API Gateway would report as a
 * bare 500 with no request id).
 *
 * <p>Routing is by API Gateway's route key; when the API sends everything to one {@code $default}
 * route (as {@code sam local start-api} and catch-all setups do) it falls back to method and path.
 * A hand-written table: three routes do not justify a framework's cold-start cost.
 */
public final class ApiRouter {

    public static final String WEBHOOK_ROUTE = "POST /webhooks/{source}";
    public static final String JOB_ROUTE = "GET /jobs/{id}";
    public static final String JOBS_ROUTE = "GET /jobs";

    public static final String ENV_STATE_TABLE = "STATE_TABLE_NAME";
    public static final String ENV_STATE_MACHINE = "DEPLOYMENT_STATE_MACHINE_ARN";
    public static final String ENV_SECRET_ID = "WEBHOOK_SECRET_ID";
    public static final String ENV_SECRET_PARAMETER_PREFIX = "WEBHOOK_SECRET_PARAMETER_PREFIX";
    public static final String ENV_GITHUB_RELEASE_STACK = "GITHUB_RELEASE_STACK";

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final Pattern WEBHOOK_PATH = Pattern.compile("/webhooks/([^/]+)/?");
    private static final Pattern JOB_PATH = Pattern.compile("/jobs/([^/]+)/?");
    private static final Pattern JOBS_PATH = Pattern.compile("/jobs/?");

    private final WebhookEndpoint webhooks;
    private final JobsEndpoint jobs;

    public ApiRouter(WebhookEndpoint webhooks, JobsEndpoint jobs) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /**
     * Wires the API from the function's environment, building its own DynamoDB client for the
     * replay guard. Prefer {@link #fromEnvironment(AwsClientFactory, DynamoDbClient, JobStore, Clock)}
     * when the caller already has one: each client costs cold-start time.
     */
    public static ApiRouter fromEnvironment(AwsClientFactory clients, JobStore jobs, Clock clock) {
        return fromEnvironment(clients, clients.build(DynamoDbClient.builder(), "DYNAMODB"), jobs, clock);
    }

    /**
     * Reads STATE_TABLE_NAME and DEPLOYMENT_STATE_MACHINE_ARN (required), GITHUB_RELEASE_STACK
     * (optional) and at most one of WEBHOOK_SECRET_ID (Secrets Manager) and
     * WEBHOOK_SECRET_PARAMETER_PREFIX (SSM Parameter Store). With neither, every webhook source
     * is unknown (404) and only the status routes are useful.
     */
    public static ApiRouter fromEnvironment(AwsClientFactory clients, DynamoDbClient dynamo, JobStore jobs,
                                            Clock clock) {
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
        return new ApiRouter(webhooks, new JobsEndpoint(jobs));
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

    public HttpResponse handle(HttpRequest request) {
        try {
            return route(request);
        } catch (SdkException e) {
            if (AwsErrors.isTransient(e)) {
                LOG.warn("AWS call failed transiently: {} {} requestId={} error={}", request.method(),
                        request.rawPath(), request.requestId(), AwsErrors.code(e));
                return HttpResponse.unavailable("a backing service is unavailable right now; retry (request id "
                        + request.requestId() + ")");
            }
            LOG.error("AWS call failed: {} {} requestId={}", request.method(), request.rawPath(), request.requestId(), e);
            return HttpResponse.internalError("internal error; request id " + request.requestId());
        } catch (RuntimeException e) {
            LOG.error("request failed: {} {} requestId={}", request.method(), request.rawPath(), request.requestId(), e);
            return HttpResponse.internalError("internal error; request id " + request.requestId());
        }
    }

    private HttpResponse route(HttpRequest request) {
        String routeKey = request.routeKey();
        if (WEBHOOK_ROUTE.equals(routeKey)) {
            return webhooks.handle(request, request.pathParameter("source").orElseGet(
                    () -> pathSegment(WEBHOOK_PATH, request.rawPath())));
        }
        if (JOB_ROUTE.equals(routeKey)) {
            return jobs.get(request.pathParameter("id").orElseGet(() -> pathSegment(JOB_PATH, request.rawPath())));
        }
        if (JOBS_ROUTE.equals(routeKey)) {
            return jobs.list(request);
        }
        return routeByPath(request);
    }

    private HttpResponse routeByPath(HttpRequest request) {
        String method = request.method();
        String path = request.rawPath();
        Matcher webhook = WEBHOOK_PATH.matcher(path);
        if (method.equals("POST") && webhook.matches()) {
            return webhooks.handle(request, decode(webhook.group(1)));
        }
        if (method.equals("GET") && JOBS_PATH.matcher(path).matches()) {
            return jobs.list(request);
        }
        Matcher job = JOB_PATH.matcher(path);
        if (method.equals("GET") && job.matches()) {
            return jobs.get(decode(job.group(1)));
        }
        return HttpResponse.notFound("no route for " + method + " " + shorten(path));
    }

    private static String pathSegment(Pattern pattern, String path) {
        Matcher matcher = pattern.matcher(path);
        return matcher.matches() ? decode(matcher.group(1)) : null;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    private static String shorten(String value) {
        return value.length() <= 120 ? value : value.substring(0, 120) + "…";
    }
}
