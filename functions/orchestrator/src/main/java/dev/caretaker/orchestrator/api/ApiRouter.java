package dev.caretaker.orchestrator.api;

import dev.caretaker.orchestrator.aws.AwsErrors;
import dev.caretaker.orchestrator.deployments.DeploymentsEndpoint;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's HTTP API: routes an {@link HttpRequest} to its endpoint and turns anything
 * unexpected into a JSON error instead of a Lambda failure (which API Gateway would report as a
 * bare 500 with no request id).
 *
 * <p>Routing is by API Gateway's route key; when the API sends everything to one {@code $default}
 * route (as {@code sam local start-api} and catch-all setups do) it falls back to method and path.
 * A hand-written table: ten routes do not justify a framework's cold-start cost.
 */
public final class ApiRouter {

    public static final String WEBHOOK_ROUTE = "POST /webhooks/{source}";
    public static final String JOB_ROUTE = "GET /jobs/{id}";
    public static final String JOBS_ROUTE = "GET /jobs";
    public static final String DRIFT_CHECKS_ROUTE = "POST /drift/checks";
    public static final String CONFIG_ROUTE = "GET /config";
    public static final String START_DEPLOYMENT_ROUTE = "POST /deployments";
    public static final String DEPLOYMENTS_ROUTE = "GET /deployments";
    public static final String DEPLOYMENT_ROUTE = "GET /deployments/{id}";
    public static final String APPROVAL_ROUTE = "POST /deployments/{id}/approval";
    public static final String CANCEL_ROUTE = "POST /deployments/{id}/cancel";

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final Pattern WEBHOOK_PATH = Pattern.compile("/webhooks/([^/]+)/?");
    private static final Pattern JOB_PATH = Pattern.compile("/jobs/([^/]+)/?");
    private static final Pattern JOBS_PATH = Pattern.compile("/jobs/?");
    private static final Pattern DRIFT_CHECKS_PATH = Pattern.compile("/drift/checks/?");
    private static final Pattern CONFIG_PATH = Pattern.compile("/config/?");
    private static final Pattern DEPLOYMENTS_PATH = Pattern.compile("/deployments/?");
    private static final Pattern DEPLOYMENT_PATH = Pattern.compile("/deployments/([^/]+)/?");
    private static final Pattern APPROVAL_PATH = Pattern.compile("/deployments/([^/]+)/approval/?");
    private static final Pattern CANCEL_PATH = Pattern.compile("/deployments/([^/]+)/cancel/?");

    private final WebhookEndpoint webhooks;
    private final JobsEndpoint jobs;
    private final Optional<DriftChecksEndpoint> driftChecks;
    private final ConfigEndpoint config;
    private final Optional<DeploymentsEndpoint> deployments;

    /**
     * Every route. Without {@code driftChecks}, POST /drift/checks answers 404 as any unknown route,
     * and so do the /deployments routes without {@code deployments}; without a provider behind
     * {@code config}, GET /config says there is none.
     */
    public ApiRouter(WebhookEndpoint webhooks, JobsEndpoint jobs, Optional<DriftChecksEndpoint> driftChecks,
                     ConfigEndpoint config, Optional<DeploymentsEndpoint> deployments) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.driftChecks = Objects.requireNonNull(driftChecks, "driftChecks");
        this.config = Objects.requireNonNull(config, "config");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
    }

    public ApiRouter(WebhookEndpoint webhooks, JobsEndpoint jobs, Optional<DriftChecksEndpoint> driftChecks,
                     ConfigEndpoint config) {
        this(webhooks, jobs, driftChecks, config, Optional.empty());
    }

    /** Webhooks, status and deployment routes. */
    public ApiRouter(WebhookEndpoint webhooks, JobsEndpoint jobs, DeploymentsEndpoint deployments) {
        this(webhooks, jobs, Optional.empty(), ConfigEndpoint.none(), Optional.of(deployments));
    }

    public ApiRouter(WebhookEndpoint webhooks, JobsEndpoint jobs, DriftChecksEndpoint driftChecks) {
        this(webhooks, jobs, Optional.of(driftChecks), ConfigEndpoint.none());
    }

    /** Webhooks and status routes only: POST /drift/checks answers 404, as any unknown route. */
    public ApiRouter(WebhookEndpoint webhooks, JobsEndpoint jobs) {
        this(webhooks, jobs, Optional.empty(), ConfigEndpoint.none());
    }

    public ApiRouter(WebhookEndpoint webhooks, JobsEndpoint jobs, ConfigEndpoint config) {
        this(webhooks, jobs, Optional.empty(), config);
    }

    public HttpResponse handle(HttpRequest request) {
        try {
            return route(request);
        } catch (RuntimeException e) {
            if (AwsErrors.isTransient(e)) {
                LOG.warn("AWS call failed transiently: {} {} requestId={} error={}", request.method(),
                        request.rawPath(), request.requestId(), AwsErrors.code(e));
                return HttpResponse.unavailable("a backing service is unavailable right now; retry (request id "
                        + request.requestId() + ")");
            }
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
        if (DRIFT_CHECKS_ROUTE.equals(routeKey) && driftChecks.isPresent()) {
            return driftChecks.get().start(request);
        }
        if (CONFIG_ROUTE.equals(routeKey)) {
            return config.get();
        }
        if (deployments.isPresent()) {
            DeploymentsEndpoint endpoint = deployments.get();
            switch (routeKey == null ? "" : routeKey) {
                case START_DEPLOYMENT_ROUTE -> {
                    return endpoint.start(request);
                }
                case DEPLOYMENTS_ROUTE -> {
                    return endpoint.list(request);
                }
                case DEPLOYMENT_ROUTE -> {
                    return endpoint.get(deploymentId(request, DEPLOYMENT_PATH));
                }
                case APPROVAL_ROUTE -> {
                    return endpoint.approval(request, deploymentId(request, APPROVAL_PATH));
                }
                case CANCEL_ROUTE -> {
                    return endpoint.cancel(request, deploymentId(request, CANCEL_PATH));
                }
                default -> {
                    // not a deployment route
                }
            }
        }
        return routeByPath(request);
    }

    private static String deploymentId(HttpRequest request, Pattern path) {
        return request.pathParameter("id").orElseGet(() -> pathSegment(path, request.rawPath()));
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
        if (method.equals("POST") && DRIFT_CHECKS_PATH.matcher(path).matches() && driftChecks.isPresent()) {
            return driftChecks.get().start(request);
        }
        if (method.equals("GET") && CONFIG_PATH.matcher(path).matches()) {
            return config.get();
        }
        Matcher job = JOB_PATH.matcher(path);
        if (method.equals("GET") && job.matches()) {
            return jobs.get(decode(job.group(1)));
        }
        if (deployments.isPresent()) {
            Optional<HttpResponse> deployment = routeDeploymentByPath(deployments.get(), request, method, path);
            if (deployment.isPresent()) {
                return deployment.get();
            }
        }
        return HttpResponse.notFound("no route for " + method + " " + shorten(path));
    }

    private static Optional<HttpResponse> routeDeploymentByPath(DeploymentsEndpoint endpoint, HttpRequest request, String method,
                                                                 String path) {
        if (DEPLOYMENTS_PATH.matcher(path).matches()) {
            return switch (method) {
                case "POST" -> Optional.of(endpoint.start(request));
                case "GET" -> Optional.of(endpoint.list(request));
                default -> Optional.empty();
            };
        }
        Matcher approval = APPROVAL_PATH.matcher(path);
        if (method.equals("POST") && approval.matches()) {
            return Optional.of(endpoint.approval(request, decode(approval.group(1))));
        }
        Matcher cancel = CANCEL_PATH.matcher(path);
        if (method.equals("POST") && cancel.matches()) {
            return Optional.of(endpoint.cancel(request, decode(cancel.group(1))));
        }
        Matcher deployment = DEPLOYMENT_PATH.matcher(path);
        if (method.equals("GET") && deployment.matches()) {
            return Optional.of(endpoint.get(decode(deployment.group(1))));
        }
        return Optional.empty();
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
