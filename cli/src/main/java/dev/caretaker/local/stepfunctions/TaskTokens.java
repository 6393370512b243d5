package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task tokens a state machine has handed out. A token is good for one answer while its task
 * waits; afterwards (answered, timed out, execution stopped) Step Functions says TaskTimedOut, and
 * for a token it never issued, InvalidToken.
 */
final class TaskTokens {

    sealed interface Outcome {
        record Success(JsonNode output) implements Outcome {
        }

        record Failure(String error, String cause) implements Outcome {
        }
    }

    /** A task waiting for its token to be answered. */
    record Pending(String token, CompletableFuture<Outcome> outcome) {

        /** The task stopped waiting: a late answer must be refused, not silently dropped. */
        void abandon() {
            outcome.cancel(false);
        }
    }

    private final Map<String, Pending> issued = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    Pending issue() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        Pending pending = new Pending(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), new CompletableFuture<>());
        issued.put(pending.token(), pending);
        return pending;
    }

    boolean issued(String token) {
        return token != null && issued.containsKey(token);
    }

    void answer(String token, Outcome outcome) {
        Pending pending = token == null ? null : issued.get(token);
        if (pending == null) {
            throw new StepFunctionsApiException(StepFunctionsApiException.Code.INVALID_TOKEN, "Invalid Token: 'Invalid token'");
        }
        if (!pending.outcome().complete(outcome)) {
            throw new StepFunctionsApiException(StepFunctionsApiException.Code.TASK_TIMED_OUT,
                    "Task Timed Out: 'Provided task does not exist anymore'");
        }
    }
}
