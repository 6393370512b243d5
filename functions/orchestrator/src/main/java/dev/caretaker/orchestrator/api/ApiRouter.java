package dev.caretaker.orchestrator.api;

import dev.caretaker.orchestrator.aws.AwsErrors;
import dev.caretaker.orchestrator.webhook.WebhookEndpoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
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
 * A hand-written table: four routes do not justify a framework's cold-start cost.
 */
public final class ApiRouter {

    public static final String WEBHOOK_ROUTE = "POST /webhooks/{source}";
    public static final String JOB_ROUTE = "GET /jobs/{id}";
    public static final String JOBS_ROUTE = "GET /jobs";
    public static final String CONFIG_ROUTE = "GET /config";

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final Pattern WEBHOOK_PATH = Pattern.compile("/webhooks/([^/]+)/?");
    private static final Pattern JOB_PATH = Pattern.compile("/jobs/([^/]+)/?");
    private static final Pattern JOBS_PATH = Pattern.compile("/jobs/?");
    private static final Pattern CONFIG_PATH = Pattern.compile("/config/?");

    private final WebhookEndpoint webhooks;
    private final JobsEndpoint jobs;
    private final ConfigEndpoint config;

    public ApiRouter(WebhookEndpoint webhooks, JobsEndpoint jobs) {
        this(webhooks, jobs, ConfigEndpoint.none());
    }

    public ApiRouter(WebhookEndpoint webhooks, JobsEndpoint jobs, ConfigEndpoint config) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.config = Objects.requireNonNull(config, "config");
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
        if (CONFIG_ROUTE.equals(routeKey)) {
            return config.get();
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
        if (method.equals("GET") && CONFIG_PATH.matcher(path).matches()) {
            return config.get();
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
