package dev.caretaker.cli;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs requests for an IAM-authorised API Gateway route (SigV4, service {@code execute-api}) with
 * the SDK's signer: canonicalisation rules are easy to get subtly wrong, and the SDK's are the ones
 * AWS tests against.
 */
public final class AwsSigV4RequestSigner implements RequestSigner {

    public static final String SERVICE = "execute-api";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String credentialsSource;
    private final String region;
    private final Clock clock;

    /** @param credentialsSource where the credentials come from, for the message when there are none */
    public AwsSigV4RequestSigner(AwsCredentialsProvider credentials, String credentialsSource, String region,
                                 Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.credentialsSource = Objects.requireNonNull(credentialsSource, "credentialsSource");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<String, List<String>> headersFor(OutgoingRequest request) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(request.uri());
        request.headers().forEach(http::putHeader);
        AwsCredentials identity = resolveCredentials();
        SignedRequest signed = signer.sign(sign -> sign
                .identity(identity)
                .request(http.build())
                .payload(ContentStreamProvider.fromByteArray(request.body()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return signed.request().headers();
    }

    private AwsCredentials resolveCredentials() {
        try {
            return credentials.resolveCredentials();
        } catch (SdkException e) {
            // The SDK's message lists every provider it tried on one very long line: --verbose shows it.
            throw new CliFailure("no AWS credentials from " + credentialsSource + " to sign requests to the Caretaker API:"
                    + " pass --profile, set AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                    + " (--verbose shows where the SDK looked)", e);
        }
    }
}
