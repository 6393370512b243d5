package dev.caretaker.orchestrator.webhook;

import dev.caretaker.orchestrator.aws.AwsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Webhook secrets from SSM Parameter Store: one SecureString per source, named
 * {@code <prefix>/<source>}. During a rotation the value holds several secrets separated by commas
 * or newlines (so a secret itself cannot contain either).
 */
public final class SsmWebhookSecrets implements WebhookSecrets {

    private final SsmClient ssm;
    private final String prefix;

    /** @param prefix a parameter path such as {@code /caretaker/webhooks}; a trailing slash is optional */
    public SsmWebhookSecrets(SsmClient ssm, String prefix) {
        this.ssm = Objects.requireNonNull(ssm, "ssm");
        Objects.requireNonNull(prefix, "prefix");
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    }

    public String parameterName(String source) {
        return prefix + source;
    }

    @Override
    public SecretLookup secretsFor(String source) {
        String name = parameterName(source);
        String value;
        try {
            value = ssm.getParameter(request -> request.name(name).withDecryption(true)).parameter().value();
        } catch (ParameterNotFoundException e) {
            return new SecretLookup.UnknownSource();
        } catch (SdkException e) {
            String reason = "SSM GetParameter on " + name + " failed: " + AwsErrors.code(e);
            return AwsErrors.isTransient(e) ? new SecretLookup.Unavailable(reason) : new SecretLookup.Misconfigured(reason);
        }
        List<String> secrets = new ArrayList<>();
        for (String part : (value == null ? "" : value).split("[,\\r\\n]+")) {
            if (!part.isBlank()) {
                secrets.add(part.trim());
            }
        }
        return secrets.isEmpty() ? new SecretLookup.UnknownSource() : new SecretLookup.Found(secrets);
    }
}
