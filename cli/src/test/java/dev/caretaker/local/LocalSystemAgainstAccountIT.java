package dev.caretaker.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.testing.QueryProtocol.formField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.caretaker.json.Json;
import dev.caretaker.testing.RepoRoot;
import dev.caretaker.testing.WireFixtures;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caretaker local --backend aws}: the account's APIs are called where and as the named
 * profile says, Caretaker's own state stays on the embedded engines. The "account" here is a
 * recorded-response server that the profile's {@code endpoint_url} points at, so the test sees
 * every request that would have gone to AWS.
 */
class LocalSystemAgainstAccountIT {

    private static final String ACCOUNT = "210987654321";
    private static final String PROFILE_KEY = "AKIAPROFILEEXAMPLE01";

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path home;

    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aScheduledCostReportCallsTheProfilesAccount_signedWithTheProfilesKeys() throws Exception {
        stubCallerIdentity(200, WireFixtures.load("sts/GetCallerIdentity.xml", Map.of("account", ACCOUNT)));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSInsightsIndexService.GetCostAndUsage"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(WireFixtures.load("costexplorer/GetCostAndUsage-by-service.json",
                                Map.of("start", today.withDayOfMonth(1).toString(), "end", today.toString())))));

        URI api;
        int apiPort;
        try (LocalSystem system = LocalSystem.start(options(backend("customer", List.of("shop"))), progress::add)) {
            api = system.apiEndpoint();
            apiPort = api.getPort();
            system.fireSchedule("CostJobSchedule");
            JsonNode job = awaitFinishedJob(api, "COST_REPORT", Duration.ofSeconds(60));

            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
            assertThatThrownBy(system::sandbox).isInstanceOf(IllegalStateException.class);
        }

        LoggedRequest identity = AWS.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetCallerIdentity"))).getFirst();
        assertThat(identity.getHeader("Authorization")).contains("Credential=" + PROFILE_KEY + "/").contains("/eu-central-1/sts/");
        List<LoggedRequest> costCalls = AWS.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSInsightsIndexService.GetCostAndUsage")));
        assertThat(costCalls).isNotEmpty()
                .allSatisfy(call -> assertThat(call.getHeader("Authorization")).contains("Credential=" + PROFILE_KEY + "/"));
        // Caretaker's own state never reaches the account: every request the account saw was STS or Cost Explorer.
        assertThat(AWS.getAllServeEvents()).allSatisfy(event -> assertThat(event.getRequest().getHeader("Authorization"))
                .containsAnyOf("/sts/", "/ce/"));
        assertThat(progress).anySatisfy(line -> assertThat(line)
                .startsWith("real account " + ACCOUNT + " in eu-central-1 as arn:aws:sts::" + ACCOUNT)
                .contains("(profile customer)"));
        assertThat(progress).anySatisfy(line -> assertThat(line).isEqualTo("drift checks cover [shop]"));
        assertThatThrownBy(() -> new Socket("127.0.0.1", apiPort).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void aScheduledDriftCheckCallsTheProfilesCloudFormation_signedWithTheProfilesKeys() throws Exception {
        stubCallerIdentity(200, WireFixtures.load("sts/GetCallerIdentity.xml", Map.of("account", ACCOUNT)));
        String detection = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
        stubCloudFormation("DetectStackDrift", WireFixtures.load("cloudformation/DetectStackDrift.xml",
                Map.of("detectionId", detection)));
        stubCloudFormation("DescribeStackDriftDetectionStatus", WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus.xml",
                Map.of("stack", "shop", "detectionId", detection, "stackDriftStatus", "DRIFTED",
                        "detectionStatus", "DETECTION_COMPLETE", "driftedCount", "1")));
        stubCloudFormation("DescribeStackResourceDrifts", WireFixtures.load("cloudformation/DescribeStackResourceDrifts-modified-bucket.xml",
                Map.of("stack", "shop")));

        JsonNode shop;
        try (LocalSystem system = LocalSystem.start(options(backend("customer", List.of("shop"))), progress::add)) {
            system.fireSchedule("DriftJobSchedule");
            shop = awaitFinishedJob(system.apiEndpoint(), "DRIFT_CHECK", "shop", Duration.ofSeconds(60));
        }

        assertThat(shop.path("status").asText()).as(shop.toString()).isEqualTo("SUCCEEDED");
        assertThat(shop.at("/result/severity").asText()).isEqualTo("WARNING");
        assertThat(shop.at("/result/data/report/stacks/0/resources/0/logicalId").asText()).isEqualTo("Bucket");
        assertThat(shop.at("/result/data/report/stacks/0/resources/0/differences/0/path").asText())
                .isEqualTo("VersioningConfiguration.Status");
        List<LoggedRequest> cloudFormation = AWS.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Version=2010-05-15")));
        assertThat(cloudFormation).extracting(call -> FormFields.parse(call.getBodyAsString()).get("Action"))
                .as("detect, poll until complete, read the drifts: each once, in that order")
                .containsExactly("DetectStackDrift", "DescribeStackDriftDetectionStatus", "DescribeStackResourceDrifts");
        assertThat(FormFields.parse(cloudFormation.getFirst().getBodyAsString())).containsEntry("StackName", "shop");
        assertThat(FormFields.parse(cloudFormation.get(1).getBodyAsString())).containsEntry("StackDriftDetectionId", detection);
        assertThat(cloudFormation).allSatisfy(call -> assertThat(call.getHeader("Authorization"))
                .contains("Credential=" + PROFILE_KEY + "/").contains("/eu-central-1/cloudformation/aws4_request"));
        // The drift check's own state (token bucket, history, jobs, queue) stays local: the account saw STS and CloudFormation only.
        assertThat(AWS.getAllServeEvents()).allSatisfy(event -> assertThat(event.getRequest().getHeader("Authorization"))
                .containsAnyOf("/sts/", "/cloudformation/"));
    }

    @Test
    void startFailsBeforeAnythingRuns_whenTheAccountRefusesTheProfile() throws IOException {
        stubCallerIdentity(403, WireFixtures.load("sts/Error-ExpiredToken.xml"));

        assertThatThrownBy(() -> LocalSystem.start(options(backend("customer", List.of())), progress::add))
                .isInstanceOf(AwsProfileAccount.AwsProfileException.class)
                .hasMessageStartingWith("profile 'customer' cannot call AWS (STS GetCallerIdentity in eu-central-1): ")
                .hasMessageContaining("The security token included in the request is expired");
        assertThat(progress).as("nothing started, so only the close after the failure speaks").containsExactly("stopped");
    }

    @Test
    void startNamesTheProfilesThereAre_whenTheProfileIsMissing() throws IOException {
        assertThatThrownBy(() -> LocalSystem.start(options(backend("nobody", List.of())), progress::add))
                .isInstanceOf(AwsProfileAccount.AwsProfileException.class)
                .hasMessageStartingWith("no profile 'nobody' in " + home.resolve("config"))
                .hasMessageEndingWith("profiles there: [customer, noregion]");
    }

    @Test
    void startAsksForARegion_whenTheProfileHasNone() throws IOException {
        assertThatThrownBy(() -> LocalSystem.start(options(backend("noregion", List.of())), progress::add))
                .isInstanceOf(AwsProfileAccount.AwsProfileException.class)
                .hasMessageStartingWith("profile 'noregion' names no region: add 'region = <region>' to it in ");
    }

    private LocalSystemOptions options(LocalBackend backend) {
        return new LocalSystemOptions(RepoRoot.find().resolve("template.yaml"), 0, 1, Optional.empty(), backend);
    }

    private LocalBackend.Aws backend(String profile, List<String> stacks) throws IOException {
        Path config = home.resolve("config");
        Files.writeString(config, """
                [profile customer]
                region = eu-central-1
                endpoint_url = %s
                [profile noregion]
                endpoint_url = %s
                """.formatted(AWS.baseUrl(), AWS.baseUrl()));
        Path credentials = home.resolve("credentials");
        Files.writeString(credentials, """
                [customer]
                aws_access_key_id = %s
                aws_secret_access_key = profileSecretExample
                [noregion]
                aws_access_key_id = AKIANOREGIONEXAMPLE1
                aws_secret_access_key = profileSecretExample
                """.formatted(PROFILE_KEY));
        return new LocalBackend.Aws(profile, new LocalBackend.ProfileFiles(Optional.of(config), Optional.of(credentials)), stacks);
    }

    private static void stubCallerIdentity(int status, String body) {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetCallerIdentity"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body)));
    }

    private static void stubCloudFormation(String action, String body) {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", action))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body)));
    }

    private JsonNode awaitFinishedJob(URI api, String type, Duration patience) throws Exception {
        return awaitFinishedJob(api, type, null, patience);
    }

    /** The newest job of {@code type} (for {@code target}, when given) once it has ended. */
    private JsonNode awaitFinishedJob(URI api, String type, String target, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve("/jobs?type=" + type)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode jobs = Json.read(response.body(), JsonNode.class).path("jobs");
            Optional<JsonNode> wanted = StreamSupport.stream(jobs.spliterator(), false)
                    .filter(job -> target == null || target.equals(job.path("target").asText())).findFirst();
            if (wanted.isPresent()) {
                last = wanted.get();
                String status = last.path("status").asText();
                if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + type + " job finished within " + patience + "; last seen " + last);
    }
}
