package dev.caretaker.local.stepfunctions;

import java.util.List;
import java.util.Set;

/** The predefined {@code States.*} error names and how ErrorEquals lists match them. */
final class ErrorNames {

    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String TIMEOUT = "States.Timeout";
    static final String RUNTIME = "States.Runtime";
    static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

    static final Set<String> PREDEFINED = Set.of(ALL, TASK_FAILED, TIMEOUT, RUNTIME, RESULT_PATH_MATCH_FAILURE,
            NO_CHOICE_MATCHED, DATA_LIMIT_EXCEEDED, "States.HeartbeatTimeout", "States.Permissions",
            "States.ParameterPathFailure", "States.BranchFailed", "States.IntrinsicFailure",
            "States.ExceedToleratedFailureThreshold", "States.ItemReaderFailed", "States.ResultWriterFailed",
            "States.QueryEvaluationError");

    private ErrorNames() {
    }

    /** States.Runtime and States.DataLimitExceeded end the execution whatever the Retry and Catch say. */
    static boolean isCatchable(String error) {
        return !RUNTIME.equals(error) && !DATA_LIMIT_EXCEEDED.equals(error);
    }

    /**
     * Whether a Retrier's or Catcher's ErrorEquals covers {@code error}: by name, by States.ALL, or by
     * States.TaskFailed, which covers every error but States.Timeout.
     */
    static boolean matches(List<String> errorEquals, String error) {
        if (!isCatchable(error)) {
            return false;
        }
        if (error != null && errorEquals.contains(error)) {
            return true;
        }
        return errorEquals.contains(ALL) || errorEquals.contains(TASK_FAILED) && !TIMEOUT.equals(error);
    }
}
