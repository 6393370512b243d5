package dev.caretaker.orchestrator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.aws.AwsErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Webhook secrets from one Secrets Manager secret whose SecretString is a JSON object mapping each
 * source to its secret, or to a list of secrets during a rotation:
 * {@code {"caretaker": "s3cret", "github": ["old", "new"]}}.
 *
 * <p>Error reasons name the secret id and the source, never any part of the secret's value.
 */
public final class SecretsManagerWebhookSecrets implements WebhookSecrets {

    private final SecretsManagerClient secretsManager;
    private final String secretId;

    public SecretsManagerWebhookSecrets(SecretsManagerClient secretsManager, String secretId) {
        this.secretsManager = Objects.requireNonNull(secretsManager, "secretsManager");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
    }

    @Override
    public SecretLookup secretsFor(String source) {
        GetSecretValueResponse response;
        try {
            response = secretsManager.getSecretValue(request -> request.secretId(secretId));
        } catch (ResourceNotFoundException e) {
            return new SecretLookup.Misconfigured("secret " + secretId + " does not exist");
        } catch (SdkException e) {
            String reason = "Secrets Manager GetSecretValue on " + secretId + " failed: " + AwsErrors.code(e);
            return AwsErrors.isTransient(e) ? new SecretLookup.Unavailable(reason) : new SecretLookup.Misconfigured(reason);
        }
        if (response.secretString() == null) {
            return new SecretLookup.Misconfigured("secret " + secretId + " has no SecretString");
        }
        JsonNode all;
        try {
            all = Json.mapper().readTree(response.secretString());
        } catch (IOException e) {
            // Jackson's message would quote the secret's text: say only what is wrong with its shape.
            all = null;
        }
        if (all == null || !all.isObject()) {
            return new SecretLookup.Misconfigured("secret " + secretId
                    + " is not a JSON object mapping each webhook source to its secret");
        }
        JsonNode value = all.get(source);
        if (value == null || value.isNull()) {
            return new SecretLookup.UnknownSource();
        }
        List<String> secrets = new ArrayList<>();
        if (value.isTextual()) {
            secrets.add(value.asText());
        } else if (value.isArray()) {
            for (JsonNode element : value) {
                if (!element.isTextual()) {
                    return misshapen(source);
                }
                secrets.add(element.asText());
            }
        } else {
            return misshapen(source);
        }
        secrets.removeIf(String::isBlank);
        return secrets.isEmpty() ? new SecretLookup.UnknownSource() : new SecretLookup.Found(secrets);
    }

    private SecretLookup misshapen(String source) {
        return new SecretLookup.Misconfigured("secret " + secretId + ": the value for source '" + source
                + "' must be a string or a list of strings");
    }
}
