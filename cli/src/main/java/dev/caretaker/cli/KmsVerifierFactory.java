package dev.caretaker.cli;

import dev.caretaker.deployment.release.KmsManagedKeyVerifier;
import dev.caretaker.deployment.release.ManagedKeyVerifier;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * A KMS client for {@code release verify}, built only when a KMS trusted key is actually asked:
 * verifying with PEM keys needs neither credentials nor a network.
 */
final class KmsVerifierFactory implements AutoCloseable {

    private final Map<String, String> environment;
    private final String region;
    private KmsClient client;

    KmsVerifierFactory(Map<String, String> environment, String region) {
        this.environment = environment;
        this.region = region;
    }

    ManagedKeyVerifier lazyVerifier() {
        return (keyId, algorithm, digest, signature) -> new KmsManagedKeyVerifier(client()).verify(keyId, algorithm, digest, signature);
    }

    private KmsClient client() {
        if (client == null) {
            KmsClientBuilder builder = KmsClient.builder().httpClient(UrlConnectionHttpClient.create());
            String chosen = region != null ? region : environment.get("AWS_REGION");
            if (chosen != null && !chosen.isBlank()) {
                builder.region(Region.of(chosen));
            }
            client = builder.build();
        }
        return client;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
