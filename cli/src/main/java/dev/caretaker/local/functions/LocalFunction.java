package dev.caretaker.local.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.caretaker.aws.AwsClientFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.Map;

/**
 * A real handler class, built with the same wiring as in Lambda (its public constructor taking
 * an {@link AwsClientFactory}) and invoked the way Lambda invokes its kind of handler.
 */
public sealed interface LocalFunction {

    String logicalId();

    /** A stream handler (the orchestrator): raw event JSON in, raw response JSON out. */
    record Stream(String logicalId, RequestStreamHandler handler) implements LocalFunction {
        public byte[] invoke(byte[] event, Context context) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(event), out, context);
            } catch (IOException e) {
                throw new UncheckedIOException(logicalId + " failed to read or write its event", e);
            }
            return out.toByteArray();
        }
    }

    /** An SQS worker: an SQS batch in, the partial batch response out. */
    record Sqs(String logicalId, RequestHandler<SQSEvent, SQSBatchResponse> handler) implements LocalFunction {
        public SQSBatchResponse invoke(SQSEvent event, Context context) {
            return handler.handleRequest(event, context);
        }
    }

    /** A Step Functions task (the deployment worker): a JSON object in, a JSON object out. */
    record Json(String logicalId, RequestHandler<Map<String, Object>, Map<String, Object>> handler) implements LocalFunction {
        public Map<String, Object> invoke(Map<String, Object> payload, Context context) {
            return handler.handleRequest(payload, context);
        }
    }

    /** Builds {@code handlerClass} from {@code clients} and classifies it by the interface it implements. */
    @SuppressWarnings("unchecked")
    static LocalFunction build(String logicalId, String handlerClass, AwsClientFactory clients, Clock clock) {
        Object handler = instantiate(handlerClass, clients, clock);
        // The SQS workers are also stream handlers (Lambda's runtime client picks that form first); the
        // local event sources hand them typed batches, as the tests do.
        if (handler instanceof RequestHandler<?, ?> typed && inputType(handler.getClass()) == SQSEvent.class) {
            return new Sqs(logicalId, (RequestHandler<SQSEvent, SQSBatchResponse>) typed);
        }
        if (handler instanceof RequestStreamHandler stream) {
            return new Stream(logicalId, stream);
        }
        if (handler instanceof RequestHandler<?, ?> request) {
            Type input = inputType(handler.getClass());
            if (input == SQSEvent.class) {
                return new Sqs(logicalId, (RequestHandler<SQSEvent, SQSBatchResponse>) request);
            }
            if (input instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
                return new Json(logicalId, (RequestHandler<Map<String, Object>, Map<String, Object>>) request);
            }
            throw new IllegalArgumentException(logicalId + ": " + handlerClass + " takes " + input
                    + ", which the local runtime cannot invoke");
        }
        throw new IllegalArgumentException(logicalId + ": " + handlerClass + " is not a Lambda handler");
    }

    /**
     * Calls the handler's public constructor that takes an AwsClientFactory (and, where it has
     * one, a Clock): the same wiring its no-arg constructor does with the process environment.
     */
    static Object instantiate(String handlerClass, AwsClientFactory clients, Clock clock) {
        try {
            Class<?> type = Class.forName(handlerClass);
            for (Constructor<?> constructor : type.getConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == AwsClientFactory.class) {
                    return constructor.newInstance(clients);
                }
                if (parameters.length == 2 && parameters[0] == AwsClientFactory.class && parameters[1] == Clock.class) {
                    return constructor.newInstance(clients, clock);
                }
            }
            throw new IllegalArgumentException(handlerClass + " has no public constructor taking an AwsClientFactory");
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("handler class " + handlerClass + " is not on the classpath", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + handlerClass + ": " + e.getMessage(), e);
        }
    }

    private static Type inputType(Class<?> handler) {
        for (Type type : handler.getGenericInterfaces()) {
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                return parameterized.getActualTypeArguments()[0];
            }
        }
        throw new IllegalArgumentException(handler.getName() + " does not declare its RequestHandler types");
    }
}
