package dev.caretaker.local.stepfunctions;

import java.util.Objects;

/** A refusal of the execution API, carrying the error code Step Functions answers with. */
public final class StepFunctionsApiException extends RuntimeException {

    /** The AWS error codes the local API answers with; {@link #awsCode()} is the wire name. */
    public enum Code {
        EXECUTION_ALREADY_EXISTS("ExecutionAlreadyExists"),
        EXECUTION_DOES_NOT_EXIST("ExecutionDoesNotExist"),
        STATE_MACHINE_DOES_NOT_EXIST("StateMachineDoesNotExist"),
        INVALID_ARN("InvalidArn"),
        INVALID_NAME("InvalidName"),
        INVALID_EXECUTION_INPUT("InvalidExecutionInput"),
        INVALID_OUTPUT("InvalidOutput"),
        INVALID_TOKEN("InvalidToken"),
        TASK_TIMED_OUT("TaskTimedOut"),
        VALIDATION("ValidationException");

        private final String awsCode;

        Code(String awsCode) {
            this.awsCode = awsCode;
        }

        public String awsCode() {
            return awsCode;
        }
    }

    private final Code code;

    public StepFunctionsApiException(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Code code() {
        return code;
    }
}
