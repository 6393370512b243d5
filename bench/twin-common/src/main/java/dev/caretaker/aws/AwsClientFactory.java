package dev.caretaker.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The default-wired twin's client factory (benchmark only): the same API as caretaker-shared's, but
 * each client is built the way SDK examples build one: no HTTP client named (the SDK finds the
 * Apache client on the classpath), no region and no credentials provider (the default chains), no
 * timeouts. Endpoint overrides stay, or the twin could not reach the local engines.
 */
public final class AwsClientFactory {

    private final Map<String, String> environment;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    public AwsClientFactory(Map<String, String> environment, AwsCredentialsProvider credentials) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    public static AwsClientFactory withCredentialsPerService(Map<String, String> environment,
                                                             Function<String, AwsCredentialsProvider> credentialsByService) {
        return new AwsClientFactory(environment, null);
    }

    public static AwsClientFactory fromEnvironment() {
        return new AwsClientFactory(System.getenv(), null);
    }

    public Region region() {
        return new DefaultAwsRegionProviderChain().getRegion();
    }

    @SuppressWarnings("unchecked")
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String serviceId) {
        return (C) clients.computeIfAbsent(serviceId.toUpperCase(Locale.ROOT), id -> {
            endpointFor(id).ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    /** The product's S3 client, wired the default way: path-style only against a local engine, as the product's is. */
    public S3Client s3() {
        return build(S3Client.builder().forcePathStyle(endpointFor("S3").isPresent())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new S3ExpectContinueDisabler())), "S3");
    }

    public Optional<URI> endpointFor(String serviceId) {
        String specific = environment.get("AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT));
        String general = environment.get("AWS_ENDPOINT_URL");
        String chosen = specific != null && !specific.isBlank() ? specific : general;
        return chosen == null || chosen.isBlank() ? Optional.empty() : Optional.of(URI.create(chosen));
    }

    public String require(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public String optional(String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
