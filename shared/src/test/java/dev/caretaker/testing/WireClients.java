package dev.caretaker.testing;

import java.net.URI;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * SDK clients for wire-level tests: pointed at a WireMock server serving recorded AWS responses,
 * with static test credentials, the light HTTP client the functions use, and no retries, so a
 * stubbed error reaches the adapter after exactly one request and a test's request count means
 * what it says.
 */
public final class WireClients {

    private WireClients() {
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C against(B builder, String baseUrl) {
        return builder.endpointOverride(URI.create(baseUrl))
                .region(Region.of(TestCredentials.REGION))
                .credentialsProvider(TestCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
