package dev.caretaker.local.stepfunctions;

import dev.caretaker.testing.RepoRoot;
import java.util.Map;

/** Definitions for tests, written with single quotes so they fit in a Java string. */
final class Definitions {

    static final String SOURCE = "statemachine/test.asl.json";
    static final String WORKER_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:caretaker-deployment-worker:live";

    private Definitions() {
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static StateMachineDefinition of(String singleQuoted) {
        return StateMachineDefinition.parse(SOURCE, json(singleQuoted), Map.of());
    }

    /** The real statemachine/deployment.asl.json with the worker's ARN substituted as the template does. */
    static StateMachineDefinition deployment() {
        return StateMachineDefinition.load(RepoRoot.find().resolve("statemachine/deployment.asl.json"),
                Map.of("DeploymentWorkerFunctionArn", WORKER_ARN));
    }
}
