package dev.caretaker.local.stepfunctions;

import java.util.Arrays;
import java.util.Optional;

/** The Task resources the interpreter runs: the optimised Lambda integration, plain or with a task token. */
enum TaskResource {
    LAMBDA_INVOKE("arn:aws:states:::lambda:invoke"),
    LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN("arn:aws:states:::lambda:invoke.waitForTaskToken");

    private final String arn;

    TaskResource(String arn) {
        this.arn = arn;
    }

    String arn() {
        return arn;
    }

    boolean waitsForTaskToken() {
        return this == LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN;
    }

    static Optional<TaskResource> of(String arn) {
        return Arrays.stream(values()).filter(resource -> resource.arn.equals(arn)).findFirst();
    }
}
