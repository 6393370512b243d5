package dev.caretaker.local.stepfunctions;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local state machines behind the Step Functions wire protocol, so that code holding a real
 * SfnClient (the orchestrator's StepFunctionsDeploymentStarter, say) reaches them through its
 * endpoint override ({@code AWS_ENDPOINT_URL_SFN}). Serves StartExecution, DescribeExecution,
 * StopExecution, SendTaskSuccess and SendTaskFailure. Requests are not authenticated: it listens on
 * the loopback interface only.
 */
public final class LocalStepFunctionsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStepFunctionsServer.class);
    private static final String JSON_1_0 = "application/x-amz-json-1.0";

    private final HttpServer server;
    private final ExecutorService handlers;
    private final StepFunctionsJsonApi api;

    private LocalStepFunctionsServer(HttpServer server, ExecutorService handlers, StepFunctionsJsonApi api) {
        this.server = server;
        this.handlers = handlers;
        this.api = api;
    }

    /** Serves the machines on 127.0.0.1 at a free port. */
    public static LocalStepFunctionsServer start(List<LocalStateMachine> machines) {
        return start(0, machines);
    }

    /** Serves the machines on 127.0.0.1 at {@code port} (0: any free port). */
    public static LocalStepFunctionsServer start(int port, List<LocalStateMachine> machines) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        LocalStepFunctionsServer server = new LocalStepFunctionsServer(http, handlers, new StepFunctionsJsonApi(machines));
        http.setExecutor(handlers);
        http.createContext("/", server::serve);
        http.start();
        return server;
    }

    /** What to give an SfnClient as its endpoint override. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            StepFunctionsJsonApi.Response response;
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                response = api.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
            } catch (RuntimeException bug) {
                LOG.error("local Step Functions failed to answer {}", exchange.getRequestHeaders().getFirst("X-Amz-Target"), bug);
                response = new StepFunctionsJsonApi.Response(500, "{\"__type\":\"InternalFailure\",\"message\":\""
                        + bug.getClass().getSimpleName() + "\"}");
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", JSON_1_0);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdown();
    }
}
