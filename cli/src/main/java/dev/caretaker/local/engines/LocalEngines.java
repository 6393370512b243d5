package dev.caretaker.local.engines;

import dev.caretaker.local.LocalAccount;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * DynamoDB Local, ElasticMQ (SQS) and s3proxy (S3), running in this process on 127.0.0.1, in
 * memory: what the local runtime's handlers talk to through their usual SDK clients.
 *
 * <p>The three start in parallel (about 3 s together, most of it ElasticMQ). If one fails, the
 * others are stopped before the error is thrown, so a failed start leaves nothing listening.
 * {@link #close()} stops them all; it is safe to call twice.
 */
public final class LocalEngines implements AutoCloseable {

    private final Map<Engine, RunningEngine> running;
    private final EngineEndpoints endpoints;
    private final LocalAccount account;
    private final EngineListener listener;
    private boolean closed;

    private LocalEngines(Map<Engine, RunningEngine> running, LocalAccount account, EngineListener listener) {
        this.running = running;
        this.account = account;
        this.listener = listener;
        this.endpoints = new EngineEndpoints(running.get(Engine.DYNAMODB).endpoint(), running.get(Engine.SQS).endpoint(),
                running.get(Engine.S3).endpoint());
    }

    /**
     * Starts all three engines on {@code ports} (0: any free port) for {@code account} (its region
     * and id go into queue ARNs; its keys are the ones s3proxy checks signatures against).
     *
     * @throws EngineStartException naming the engine and port that failed, e.g. because the port is taken
     */
    public static LocalEngines start(EnginePorts ports, LocalAccount account, EngineListener listener) {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(account, "account");
        EngineListener reporter = serialized(Objects.requireNonNull(listener, "listener"));
        // Found before anything starts: one clear message instead of an engine's bind stack trace.
        for (Engine engine : Engine.values()) {
            ensureFree(engine, ports.of(engine));
        }
        Map<Engine, CompletableFuture<RunningEngine>> starting = new EnumMap<>(Engine.class);
        try (ExecutorService threads = Executors.newFixedThreadPool(Engine.values().length, runnable -> {
            Thread thread = new Thread(runnable, "caretaker-engine-start");
            thread.setDaemon(true);
            return thread;
        })) {
            for (Engine engine : Engine.values()) {
                starting.put(engine, CompletableFuture.supplyAsync(() -> startOne(engine, ports.of(engine), account, reporter), threads));
            }
            CompletableFuture.allOf(starting.values().toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        }
        Map<Engine, RunningEngine> running = new EnumMap<>(Engine.class);
        List<RuntimeException> failures = new ArrayList<>();
        starting.forEach((engine, future) -> {
            try {
                running.put(engine, future.join());
            } catch (CompletionException e) {
                failures.add(e.getCause() instanceof RuntimeException cause ? cause : e);
            }
        });
        if (!failures.isEmpty()) {
            stopAll(running, reporter);
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
        return new LocalEngines(running, account, reporter);
    }

    public EngineEndpoints endpoints() {
        return endpoints;
    }

    public LocalAccount account() {
        return account;
    }

    /** Stops every engine; afterwards none of their ports accepts connections. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll(running, listener);
    }

    private static RunningEngine startOne(Engine engine, int port, LocalAccount account, EngineListener listener) {
        listener.progress(new EngineProgress.Starting(engine, port));
        long started = System.nanoTime();
        RunningEngine running;
        try {
            running = switch (engine) {
                case DYNAMODB -> DynamoDbLocalEngine.start(port);
                case SQS -> ElasticMqEngine.start(port, account);
                case S3 -> S3ProxyEngine.start(port, account);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineStartException.failed(engine, port, e);
        } catch (Exception e) {
            // Someone may have taken the port between the check and the bind.
            throw isBindFailure(e) ? EngineStartException.portInUse(engine, port, e) : EngineStartException.failed(engine, port, e);
        }
        listener.progress(new EngineProgress.Up(engine, running.endpoint(), Duration.ofNanos(System.nanoTime() - started)));
        return running;
    }

    private static void stopAll(Map<Engine, RunningEngine> running, EngineListener listener) {
        RuntimeException failure = null;
        for (Map.Entry<Engine, RunningEngine> entry : running.entrySet()) {
            long started = System.nanoTime();
            try {
                entry.getValue().stop();
                listener.progress(new EngineProgress.Stopped(entry.getKey(), Duration.ofNanos(System.nanoTime() - started)));
            } catch (Exception e) {
                // Keep stopping the others: one stuck engine must not leave the rest listening.
                IllegalStateException stopFailure = new IllegalStateException(entry.getKey().displayName() + " did not stop: " + e, e);
                if (failure == null) {
                    failure = stopFailure;
                } else {
                    failure.addSuppressed(stopFailure);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void ensureFree(Engine engine, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(InetAddress.getByName(RunningEngine.LOOPBACK), port));
        } catch (BindException e) {
            throw EngineStartException.portInUse(engine, port, e);
        } catch (IOException e) {
            throw EngineStartException.failed(engine, port, e);
        }
    }

    private static boolean isBindFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static EngineListener serialized(EngineListener listener) {
        Object lock = new Object();
        return progress -> {
            synchronized (lock) {
                listener.progress(progress);
            }
        };
    }
}
