package dev.caretaker.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds every SDK client a function uses, once, the same way: the light UrlConnection HTTP
 * client, region and credentials read from the environment without the SDK's provider-chain
 * probing (which costs cold start, ../shared/notes/coldstart.md), and an endpoint override for
 * local engines.
 *
 * <p>Endpoint overrides use the names the AWS tooling already knows: {@code AWS_ENDPOINT_URL_<SERVICE>}
 * (e.g. {@code AWS_ENDPOINT_URL_DYNAMODB}) wins over {@code AWS_ENDPOINT_URL}.
 */
public final class AwsClientFactory {

    private final Map<String, String> environment;
    private final SdkHttpClient httpClient;
    private final Region region;
    private final Function<String, AwsCredentialsProvider> credentials;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    public AwsClientFactory(Map<String, String> environment, AwsCredentialsProvider credentials) {
        this(environment, constant(Objects.requireNonNull(credentials, "credentials")));
    }

    /**
     * Credentials chosen per service id (as in {@link #build}). Lambda has one identity for every
     * service; the local runtime run against a real account has two: a profile's for the account's
     * APIs and the local engines' keys for Caretaker's own state.
     */
    public static AwsClientFactory withCredentialsPerService(Map<String, String> environment,
                                                             Function<String, AwsCredentialsProvider> credentialsByService) {
        return new AwsClientFactory(environment, credentialsByService);
    }

    // Private so that a lambda passed to the public constructor stays unambiguous.
    private AwsClientFactory(Map<String, String> environment, Function<String, AwsCredentialsProvider> credentialsByService) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.credentials = Objects.requireNonNull(credentialsByService, "credentialsByService");
        String regionName = this.environment.getOrDefault("AWS_REGION", this.environment.get("AWS_DEFAULT_REGION"));
        if (regionName == null || regionName.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set: Caretaker needs an explicit region");
        }
        this.region = Region.of(regionName);
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * What a Lambda function uses. SnapStart functions get their credentials from the container
     * credentials endpoint, not from variables (a snapshot must not carry keys), so that source
     * wins when Lambda advertises it; otherwise the classic variables.
     */
    public static AwsClientFactory fromEnvironment() {
        Map<String, String> env = System.getenv();
        AwsCredentialsProvider credentials = env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                ? ContainerCredentialsProvider.builder().build()
                : EnvironmentVariableCredentialsProvider.create();
        return new AwsClientFactory(env, credentials);
    }

    public Region region() {
        return region;
    }

    /**
     * Configures and builds a client, once per service: a second request for the same service
     * returns the first client, so collaborators that each ask for DynamoDB share one.
     * {@code serviceId} is the upper-case service name used in the endpoint override variable,
     * e.g. "DYNAMODB", "SQS", "SFN".
     */
    @SuppressWarnings("unchecked")
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String serviceId) {
        return (C) clients.computeIfAbsent(serviceId.toUpperCase(Locale.ROOT), id -> configure(builder, id));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder, String serviceId) {
        builder.httpClient(httpClient)
                .region(region)
                .credentialsProvider(Objects.requireNonNull(credentials.apply(serviceId), () -> "no credentials for " + serviceId))
                .overrideConfiguration(overrides(builder.overrideConfiguration()));
        endpointFor(serviceId).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * AWS_MAX_ATTEMPTS is honoured from the injected environment (the SDK itself reads only the
     * process environment), so tests and the local runtime can make throttling visible at once. A
     * caller that chose its own retries keeps them: the drift worker's CloudFormation client makes
     * one attempt per call because its detector retries through the rate budget.
     */
    private ClientOverrideConfiguration overrides(ClientOverrideConfiguration callers) {
        // Keep what the caller configured (interceptors, say) and add ours.
        ClientOverrideConfiguration.Builder overrides = (callers == null ? ClientOverrideConfiguration.builder() : callers.toBuilder())
                .apiCallTimeout(Duration.ofSeconds(60));
        String maxAttempts = environment.get("AWS_MAX_ATTEMPTS");
        if (maxAttempts != null && !maxAttempts.isBlank() && !configuresRetries(callers)) {
            int attempts;
            try {
                attempts = Integer.parseInt(maxAttempts.strip());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("AWS_MAX_ATTEMPTS must be a whole number, was '" + maxAttempts + "'");
            }
            overrides.retryStrategy(strategy -> strategy.maxAttempts(attempts));
        }
        return overrides.build();
    }

    private static boolean configuresRetries(ClientOverrideConfiguration callers) {
        return callers != null && (callers.retryStrategy().isPresent() || callers.retryStrategyConfigurator().isPresent()
                || callers.retryMode().isPresent() || callers.retryPolicy().isPresent());
    }

    private static Function<String, AwsCredentialsProvider> constant(AwsCredentialsProvider credentials) {
        return serviceId -> credentials;
    }

    /**
     * The S3 client every function uses: path-style when S3 is a local engine on a loopback address
     * (virtual-hosted names do not resolve there), and uploads without {@code Expect: 100-continue}
     * ({@link S3ExpectContinueDisabler}).
     */
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

    /** A required setting, failing with the variable's name rather than a NullPointerException later. */
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
