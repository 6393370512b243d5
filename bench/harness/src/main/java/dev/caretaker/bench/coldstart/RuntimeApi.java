package dev.caretaker.bench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) as the runtime interface client in the measured JVM sees it,
 * on loopback in the driver's process: it hands out one event, takes the response, and records
 * when each step happened. The timestamps are Lambda's phases: process start to the first
 * {@code /invocation/next} is the init phase, from there to the response the first invocation; with
 * SnapStart's init type the client calls {@code /restore/next} after the checkpoint hooks ran.
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Session session;

    RuntimeApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** host:port, what AWS_LAMBDA_RUNTIME_API holds. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Serves {@code event} to the next process that asks, and records that process's phases; with a
     * null event the process waits for the first {@link Session#send}.
     */
    Session begin(byte[] event) {
        Session fresh = new Session(event);
        session = fresh;
        return fresh;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        Session current = session;
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            if (current == null) {
                respond(exchange, 500, "{}");
            } else if (path.equals("invocation/next")) {
                current.next(exchange, now);
            } else if (path.equals("restore/next")) {
                current.restored = now;
                respond(exchange, 200, "");
            } else if (path.endsWith("/response")) {
                current.finish(now, new String(body, StandardCharsets.UTF_8), false);
                respond(exchange, 202, "{}");
            } else if (path.endsWith("/error")) {
                current.finish(now, new String(body, StandardCharsets.UTF_8), true);
                respond(exchange, 202, "{}");
            } else {
                respond(exchange, 404, "{}");
            }
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        Session last = session;
        if (last != null) {
            last.released.countDown();
        }
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * One measured process: its first event, its phases (System.nanoTime), its first answer; then
     * whatever {@link #send} hands it, one event at a time, as a warm Lambda sandbox gets them.
     */
    static final class Session {
        private final BlockingQueue<byte[]> events = new LinkedBlockingQueue<>();
        private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        private final CountDownLatch answered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        volatile long firstNext;
        volatile long restored;
        volatile long responded;
        volatile String response;
        volatile boolean error;

        private Session(byte[] event) {
            if (event != null) {
                events.add(event);
            }
        }

        /** A later event's answer: the function's response, or its error document. */
        record Answer(String body, boolean error) {
        }

        private void next(HttpExchange exchange, long now) throws IOException {
            synchronized (this) {
                if (firstNext == 0) {
                    firstNext = now;
                }
            }
            // Like a frozen Lambda sandbox, the runtime waits for its next event until the driver hands one or ends it.
            byte[] event = null;
            try {
                while (event == null && released.getCount() > 0) {
                    event = events.poll(100, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (event == null) {
                respond(exchange, 500, "{}");
                return;
            }
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "bench-" + System.nanoTime());
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 300_000));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:" + BenchEnvironment.REGION + ":000000000000:function:caretaker-bench");
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, event.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(event);
            }
        }

        private void finish(long now, String body, boolean failed) {
            if (answered.getCount() > 0) {
                responded = now;
                response = body;
                error = failed;
                answered.countDown();
            }
            answers.add(new Answer(body, failed));
        }

        /** Waits for the response to the first event; false if none came in time. */
        boolean awaitResponse(long timeout, TimeUnit unit) throws InterruptedException {
            return answered.await(timeout, unit);
        }

        /** Queues the process's next event; its answer comes from {@link #answer}. */
        void send(byte[] event) {
            answers.clear();
            events.add(event);
        }

        /** The answer to the event sent last, or null if none came within the timeout. */
        Answer answer(long timeout, TimeUnit unit) throws InterruptedException {
            return answers.poll(timeout, unit);
        }

        void release() {
            released.countDown();
        }
    }
}
