package dev.caretaker.local;

import dev.caretaker.aws.AwsClientFactory;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Pushes a configuration document the way an operator's pipeline does in AWS: SSM PutParameter with
 * overwrite, here against the local SSM stand-in or LocalStack's SSM. The functions see it on their next reload.
 */
final class SsmConfigPublisher implements AutoCloseable {

    private final SsmClient ssm;
    private final String parameterName;

    /** {@code clients} hands out one shared client per service: give this publisher a factory of its own. */
    SsmConfigPublisher(AwsClientFactory clients, String parameterName) {
        this.ssm = clients.build(SsmClient.builder(), "SSM");
        this.parameterName = parameterName;
    }

    /** Stores {@code document} as the parameter's next version and returns that version. */
    long publish(String document) {
        return ssm.putParameter(request -> request.name(parameterName).value(document)
                .type(ParameterType.SECURE_STRING).overwrite(true)).version();
    }

    String parameterName() {
        return parameterName;
    }

    @Override
    public void close() {
        ssm.close();
    }
}
