package dev.caretaker.local.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.local.LocalClients;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

class LocalEnginesIT {

    @Test
    void startsAllThreeOnLoopback_whenAskedForAnyPorts() {
        List<EngineProgress> progress = new ArrayList<>();
        try (LocalEngines engines = LocalEngines.start(EnginePorts.ANY, LocalClients.ACCOUNT, progress::add)) {
            EngineEndpoints endpoints = engines.endpoints();
            for (Engine engine : Engine.values()) {
                assertThat(endpoints.of(engine).getHost()).as(engine.displayName()).isEqualTo("127.0.0.1");
                assertThat(endpoints.of(engine).getPort()).as(engine.displayName()).isPositive();
            }
            AwsClientFactory clients = LocalClients.on(endpoints);
            DynamoDbClient dynamo = clients.build(DynamoDbClient.builder(), "DYNAMODB");
            SqsClient sqs = clients.build(SqsClient.builder(), "SQS");
            S3Client s3 = clients.build(S3Client.builder().forcePathStyle(true), "S3");

            assertThat(dynamo.listTables().tableNames()).isEmpty();
            String queueUrl = sqs.createQueue(q -> q.queueName("hello")).queueUrl();
            assertThat(queueUrl).startsWith(endpoints.sqs().toString());
            s3.createBucket(b -> b.bucket("hello"));
            s3.putObject(o -> o.bucket("hello").key("k"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(o -> o.bucket("hello").key("k")).asUtf8String()).isEqualTo("v");
        }
        assertThat(progress).filteredOn(EngineProgress.Up.class::isInstance).extracting(EngineProgress::message)
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).matches("DynamoDB Local up on 127\\.0\\.0\\.1:\\d+ in \\d+ ms"))
                .anySatisfy(line -> assertThat(line).matches("ElasticMQ up on 127\\.0\\.0\\.1:\\d+ in \\d+ ms"))
                .anySatisfy(line -> assertThat(line).matches("s3proxy up on 127\\.0\\.0\\.1:\\d+ in \\d+ ms"));
        assertThat(progress).filteredOn(EngineProgress.Stopped.class::isInstance).hasSize(3);
    }

    @Test
    void leavesNothingListening_whenStopped() {
        EngineEndpoints endpoints;
        try (LocalEngines engines = LocalEngines.start(EnginePorts.ANY, LocalClients.ACCOUNT, EngineListener.SILENT)) {
            endpoints = engines.endpoints();
            for (Engine engine : Engine.values()) {
                assertThat(accepts(endpoints.of(engine))).as("%s while running", engine.displayName()).isTrue();
            }
        }
        for (Engine engine : Engine.values()) {
            assertThat(accepts(endpoints.of(engine))).as("%s after stop", engine.displayName()).isFalse();
        }
    }

    @Test
    void listensOnTheGivenPorts_whenPortsAreChosen() throws IOException {
        int dynamo = freePort();
        int sqs = freePort();
        int s3 = freePort();
        try (LocalEngines engines = LocalEngines.start(new EnginePorts(dynamo, sqs, s3), LocalClients.ACCOUNT, EngineListener.SILENT)) {
            assertThat(engines.endpoints().dynamoDb()).isEqualTo(URI.create("http://127.0.0.1:" + dynamo));
            assertThat(engines.endpoints().sqs()).isEqualTo(URI.create("http://127.0.0.1:" + sqs));
            assertThat(engines.endpoints().s3()).isEqualTo(URI.create("http://127.0.0.1:" + s3));
            assertThat(engines.endpoints().environment())
                    .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamo)
                    .containsEntry("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:" + sqs)
                    .containsEntry("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + s3);
        }
    }

    @Test
    void failsNamingTheEngineAndPort_whenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            List<EngineProgress> progress = new ArrayList<>();

            assertThatThrownBy(() -> LocalEngines.start(new EnginePorts(0, port, 0), LocalClients.ACCOUNT, progress::add))
                    .isInstanceOf(EngineStartException.class)
                    .hasMessage("ElasticMQ cannot listen on 127.0.0.1:" + port + ": the port is already in use;"
                            + " stop what holds it or choose another port for ElasticMQ")
                    .satisfies(e -> {
                        assertThat(((EngineStartException) e).engine()).isEqualTo(Engine.SQS);
                        assertThat(((EngineStartException) e).port()).isEqualTo(port);
                    });
            assertThat(progress).as("nothing was started").isEmpty();
        }
    }

    private static boolean accepts(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new AssertionError("unexpected failure connecting to " + endpoint, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
