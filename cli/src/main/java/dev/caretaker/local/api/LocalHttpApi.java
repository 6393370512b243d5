package dev.caretaker.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway's HTTP API on loopback: turns each request into a payload-format-2.0 event, hands
 * it to the function the template routes it to, and writes the function's response back, so the
 * real handler sees what it sees in AWS. Unrouted requests get API Gateway's own 404 body.
 */
public final class LocalHttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalHttpApi.class);
    /** API Gateway's payload limit; the handler enforces its own, smaller one. */
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<HttpRoute> routes;
    private final Map<String, Function<byte[], byte[]>> functions;
    private final Clock clock;

    private LocalHttpApi(HttpServer server, ExecutorService executor, List<HttpRoute> routes,
                         Map<String, Function<byte[], byte[]>> functions, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.functions = functions;
        this.clock = clock;
    }

    /**
     * Starts serving on 127.0.0.1:{@code port} (0 for any free port).
     *
     * @param functions function logical id → raw invocation (event JSON in, response JSON out)
     * @throws IllegalStateException naming the port when it is taken
     */
    public static LocalHttpApi start(int port, List<HttpRoute> routes, Map<String, Function<byte[], byte[]>> functions,
                                     Clock clock) {
        for (HttpRoute route : routes) {
            if (!functions.containsKey(route.functionLogicalId())) {
                throw new IllegalArgumentException("route " + route.routeKey() + " targets " + route.functionLogicalId()
                        + ", which is not running locally");
            }
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException taken) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use: stop whatever"
                    + " listens there or choose another port for the local API", taken);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        LocalHttpApi api = new LocalHttpApi(server, executor, List.copyOf(routes), Map.copyOf(functions), clock);
        server.createContext("/", api::serve);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                write(exchange, 413, Map.of("content-type", "application/json"), "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            for (HttpRoute route : routes) {
                Optional<Map<String, String>> parameters = route.match(method, path);
                if (parameters.isPresent()) {
                    invoke(exchange, route, parameters.get(), body);
                    return;
                }
            }
            write(exchange, 404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}");
        } catch (RuntimeException e) {
            LOG.error("local API failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            write(exchange, 500, Map.of("content-type", "application/json"), "{\"message\":\"Internal Server Error\"}");
        }
    }

    private void invoke(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters, byte[] body)
            throws IOException {
        byte[] response = functions.get(route.functionLogicalId()).apply(Json.write(event(exchange, route, pathParameters, body))
                .getBytes(StandardCharsets.UTF_8));
        JsonNode answer = Json.mapper().readTree(response);
        Map<String, String> headers = new LinkedHashMap<>();
        answer.path("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asText()));
        String text = answer.path("body").asText("");
        byte[] bytes = answer.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        write(exchange, answer.path("statusCode").asInt(200), headers, bytes);
    }

    /** The payload-format-2.0 event API Gateway would send for this request. */
    ObjectNode event(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters, byte[] body) {
        URI uri = exchange.getRequestURI();
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());
        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                // API Gateway joins repeated parameters with commas.
                query.put(name, query.has(name) ? query.get(name).asText() + "," + value : value);
            }
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach((name, value) -> parameters.put(name, URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(clock.instant()));
        context.put("timeEpoch", clock.millis());
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", uri.getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        boolean text = isText(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (body.length > 0) {
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", body.length > 0 && !text);
        return event;
    }

    /** API Gateway base64-encodes bodies it does not know to be text; JSON and form bodies arrive as text. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    private static void write(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        write(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
