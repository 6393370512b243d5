package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What a deployed API Gateway receives: the stub stands in for it, and the signer factory is told to
 * sign requests to it although it is on loopback (the one override tests use).
 */
class JobsSigningTest {

    private static final String JOB_ID = "deploy-0123456789abcdef01234567";

    private final StubApi api = StubApi.start();
    private final List<Optional<String>> profiles = new CopyOnWriteArrayList<>();
    private final CliRunner cli = new CliRunner();

    {
        cli.signers(new AwsRequestSignerFactory(Map.of(), AwsSigV4RequestSignerTest.CLOCK, uri -> true, profile -> {
            profiles.add(profile);
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    AwsSigV4RequestSignerTest.ACCESS_KEY, AwsSigV4RequestSignerTest.SECRET_KEY));
        }));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void carriesSigV4ForExecuteApi_whenApiIsNotLoopback() {
        api.answer("GET", "/jobs", 200, ApiJobs.page(null));

        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString(), "--region", "eu-west-1",
                "--status", "failed", "--page-token", "a b/=");

        assertThat(result.exitCode()).isZero();
        StubApi.Received received = api.only();
        assertThat(received.header("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + AwsSigV4RequestSignerTest.ACCESS_KEY
                        + "/20260314/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=");
        assertThat(received.header("X-Amz-Date")).isEqualTo("20260314T092653Z");
        assertThat(profiles).containsExactly(Optional.empty());
    }

    /**
     * API Gateway recomputes the signature from the request as it arrives: the Host header the JDK
     * client wrote and the query as encoded on the wire must be the ones that were signed.
     */
    @Test
    void signsExactlyWhatGoesOnTheWire_whenQueryNeedsEncoding() {
        api.answer("GET", "/jobs", 200, ApiJobs.page(null));

        cli.run("jobs", "list", "--api", api.uri().toString(), "--region", "eu-west-1", "--type", "deploy",
                "--limit", "7", "--page-token", "eyJwayI6IkpPQiN4In0= +/~*");

        StubApi.Received received = api.only();
        URI asReceived = URI.create("http://" + received.header("Host") + received.path() + "?" + received.rawQuery());
        AwsSigV4RequestSigner signer = new AwsSigV4RequestSigner(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                AwsSigV4RequestSignerTest.ACCESS_KEY, AwsSigV4RequestSignerTest.SECRET_KEY)), "test", "eu-west-1",
                AwsSigV4RequestSignerTest.CLOCK);
        String expected = signer.headersFor(new OutgoingRequest("GET", asReceived, Map.of(), null))
                .get("Authorization").getFirst();

        assertThat(received.header("Authorization")).isEqualTo(expected);
    }

    @Test
    void signsWithTheNamedProfile_whenProfileGiven() {
        api.answer("GET", "/jobs/" + JOB_ID, 200, ApiJobs.one(ApiJobs.job(JOB_ID, JobType.DEPLOY, "app",
                JobStatus.QUEUED, 0, null)));

        CliRunner.Result result = cli.run("jobs", "show", JOB_ID, "--api", api.uri().toString(), "--region", "eu-west-1",
                "--profile", "customer-ops");

        assertThat(result.exitCode()).isZero();
        assertThat(profiles).containsExactly(Optional.of("customer-ops"));
        assertThat(api.only().header("Authorization")).contains("/execute-api/aws4_request");
    }

    @Test
    void exitsWithUsageWithoutCallingApi_whenNoRegionIsKnown() {
        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("caretaker: requests to " + api.uri() + " are signed for AWS and no region is known")
                .contains("(see 'caretaker jobs list --help')");
        assertThat(api.received()).isEmpty();
    }
}
