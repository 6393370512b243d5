package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.testing.RepoRoot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandTest {

    private final CliRunner cli = new CliRunner();
    private final String template = RepoRoot.find().resolve("template.yaml").toString();

    @Test
    void exitsOneWithOneLineNamingThePort_whenTheApiPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            CliRunner.Result result = cli.run("local", "--port", Integer.toString(port), "--template", template);

            assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(result.err().lines()).containsExactly("caretaker: port " + port
                    + " on 127.0.0.1 is already in use: stop what listens there or choose another with --port");
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void exitsTwoNamingTheFile_whenTheTemplateIsMissing() {
        CliRunner.Result result = cli.run("local", "--port", "0", "--template", "no/such/template.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).as("nothing started").isEmpty();
        assertThat(result.err()).startsWith("caretaker: no template at ").contains("no/such/template.yaml");
    }

    @Test
    void saysWhatLocalStackAnswers_andWhatStaysOnTheSandboxAndWhy_inItsHelp() {
        String help = cli.run("local", "--help").out().replaceAll("\\s+", " ");

        // The same list ServiceRoutes routes to LocalStack (ServiceRoutesTest holds it to this wording).
        assertThat(help).contains("localstack (LocalStack at --endpoint for DynamoDB, SQS, S3, SNS, Secrets Manager and SSM;")
                .contains("CloudFormation, Cost Explorer and STS stay on the sandbox account, as LocalStack's CloudFormation"
                        + " cannot play the scripted drift and deployment scenarios and its Cost Explorer is Pro-only;")
                .contains("EventBridge and Step Functions stay in this process");
    }

    @Test
    void isPartOfTheCommandTree_withItsOptions() {
        assertThat(cli.run("local", "--help").out()).contains("Usage: caretaker local").contains("--port=PORT")
                .contains("--time-scale=N").contains("--template=FILE");
    }

    @Test
    void exitsTwoSayingWhatIsMissing_whenLocalStackHasNoEndpoint() {
        CliRunner.Result result = cli.run("local", "--port", "0", "--backend", "localstack");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--backend localstack needs --endpoint URL");
    }

    @Test
    void exitsTwoListingTheBackends_whenBackendIsUnknown() {
        CliRunner.Result result = cli.run("local", "--backend", "cloud");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("embedded").contains("localstack").contains("aws");
    }

    @Test
    void exitsTwo_whenEndpointIsGivenWithoutLocalStack() {
        CliRunner.Result result = cli.run("local", "--port", "0", "--endpoint", "http://127.0.0.1:4566");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--endpoint goes with --backend localstack");
    }

    @Test
    void exitsTwoAskingForAProfile_whenTheAwsBackendHasNone() {
        CliRunner.Result result = cli.run("local", "--port", "0", "--backend", "aws", "--template", template);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--backend aws needs --profile NAME (or AWS_PROFILE)");
    }

    @Test
    void exitsTwo_whenProfileIsGivenWithoutTheAwsBackend() {
        CliRunner.Result result = cli.run("local", "--port", "0", "--profile", "customer");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--profile goes with --backend aws");
    }

    @Test
    void exitsTwo_whenTheDemoIsAskedOfARealAccount() {
        CliRunner.Result result = cli.run("local", "--port", "0", "--backend", "aws", "--profile", "customer", "--demo");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--demo plays a script on the sandbox account; it does not run with --backend aws");
    }

    @Test
    void exitsOneNamingTheFilesRead_whenAwsProfileNamesNoProfileInThem(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("config"), "[profile other]\nregion = eu-west-1\n");
        CliRunner.Result result = new CliRunner().env("AWS_PROFILE", "customer")
                .env("AWS_CONFIG_FILE", home.resolve("config").toString())
                .env("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString())
                .run("local", "--port", "0", "--backend", "aws", "--template", template);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err().lines()).containsExactly("caretaker: no profile 'customer' in " + home.resolve("config") + " and "
                + home.resolve("credentials") + "; profiles there: [other]");
    }
}
