package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsRequestSignerFactoryTest {

    private static final URI DEPLOYED = URI.create("https://abc123.execute-api.ap-southeast-2.amazonaws.com");
    private static final URI CUSTOM_DOMAIN = URI.create("https://caretaker.example.com");

    private final List<Optional<String>> profilesAsked = new ArrayList<>();

    private AwsRequestSignerFactory factory(Map<String, String> environment) {
        return new AwsRequestSignerFactory(environment, AwsSigV4RequestSignerTest.CLOCK,
                api -> !LoopbackHost.isLoopback(api),
                profile -> {
                    profilesAsked.add(profile);
                    return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            AwsSigV4RequestSignerTest.ACCESS_KEY, AwsSigV4RequestSignerTest.SECRET_KEY));
                });
    }

    private static String authorization(RequestSigner signer, URI api) {
        List<String> values = signer.headersFor(new OutgoingRequest("GET", api.resolve("/jobs"), Map.of(), null))
                .get("Authorization");
        return values == null ? null : values.getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:3000", "http://localhost:3000", "http://[::1]:3000", "http://127.1.2.3",
            "http://api.localhost:8080"})
    void leavesRequestsUnsigned_whenApiIsLoopback(String url) {
        RequestSigner signer = factory(Map.of("AWS_REGION", "eu-west-1"))
                .forApi(URI.create(url), Optional.empty(), Optional.empty());

        assertThat(authorization(signer, URI.create(url))).isNull();
        assertThat(profilesAsked).isEmpty();
    }

    @Test
    void takesRegionFromExecuteApiHost_whenNoOptionOrVariable() {
        RequestSigner signer = factory(Map.of()).forApi(DEPLOYED, Optional.empty(), Optional.empty());

        assertThat(authorization(signer, DEPLOYED)).contains("/ap-southeast-2/execute-api/aws4_request");
    }

    @Test
    void prefersRegionVariable_overTheHost() {
        RequestSigner signer = factory(Map.of("AWS_REGION", "eu-central-1")).forApi(DEPLOYED, Optional.empty(), Optional.empty());

        assertThat(authorization(signer, DEPLOYED)).contains("/eu-central-1/execute-api/");
    }

    @Test
    void prefersRegionOption_overTheVariable() {
        RequestSigner signer = factory(Map.of("AWS_REGION", "eu-central-1"))
                .forApi(CUSTOM_DOMAIN, Optional.of("us-west-2"), Optional.empty());

        assertThat(authorization(signer, CUSTOM_DOMAIN)).contains("/us-west-2/execute-api/");
    }

    @Test
    void asksForTheNamedProfile_whenProfileGiven() {
        factory(Map.of()).forApi(DEPLOYED, Optional.empty(), Optional.of("customer-ops"));

        assertThat(profilesAsked).containsExactly(Optional.of("customer-ops"));
    }

    @Test
    void refusesWithUsageError_whenSigningNeedsARegionAndNoneIsKnown() {
        assertThatThrownBy(() -> factory(Map.of("AWS_REGION", " ")).forApi(CUSTOM_DOMAIN, Optional.empty(), Optional.empty()))
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("--region")
                .hasMessageContaining("AWS_REGION");
    }

    @Test
    void readsNoRegion_whenHostIsNotExecuteApi() {
        assertThat(AwsRequestSignerFactory.regionInHost(CUSTOM_DOMAIN)).isEmpty();
        assertThat(AwsRequestSignerFactory.regionInHost(URI.create("https://x1.execute-api.cn-north-1.amazonaws.com.cn")))
                .contains("cn-north-1");
    }
}
