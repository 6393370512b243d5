package dev.caretaker.local.support;

import dev.caretaker.aws.AwsClientFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/** The webhook secret in a Secrets Manager that can be written to (LocalStack's), as the deployed stack holds it. */
final class SecretsManagerWebhookSecret {

    private SecretsManagerWebhookSecret() {
    }

    /**
     * Stores {@code value} as the secret {@code name}'s current version, creating the secret or, when an
     * earlier run created it, putting a new version; returns the secret's ARN.
     *
     * @throws LocalStackRefusedException when Secrets Manager refuses or does not answer
     */
    static String store(AwsClientFactory clients, String name, String value) {
        String where = clients.endpointFor("SECRETSMANAGER").map(Object::toString).orElse("AWS");
        try (SecretsManagerClient secrets = clients.build(SecretsManagerClient.builder(), "SECRETSMANAGER")) {
            try {
                return secrets.createSecret(request -> request.name(name).secretString(value)
                        .description("Caretaker local runtime: webhook signing secrets by source")).arn();
            } catch (ResourceExistsException earlierRun) {
                return secrets.putSecretValue(request -> request.secretId(name).secretString(value)).arn();
            }
        } catch (SdkException e) {
            throw new LocalStackRefusedException("Secrets Manager at " + where + " cannot store the webhook secret " + name + ": "
                    + e.getMessage(), e);
        }
    }
}
