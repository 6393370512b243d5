package dev.caretaker.deployment;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Run by {@link FunctionJarErrorMappingIT} with only the deployed jar and this class on the class
 * path: calls SSM (a JSON protocol) and CloudFormation (a query protocol) against a server that
 * answers every request with the error code in the argument, and prints, one line a call,
 * {@code service code -> ExceptionClass code status message}.
 */
public final class ErrorMappingProbe {

    private ErrorMappingProbe() {
    }

    public static void main(String[] args) throws Exception {
        String[] code = {""};
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean query = exchange.getRequestHeaders().getFirst("Content-Type").contains("x-www-form-urlencoded");
            String body = query
                    ? "<ErrorResponse><Error><Type>Sender</Type><Code>" + code[0] + "</Code><Message>says " + code[0]
                    + "</Message></Error><RequestId>probe</RequestId></ErrorResponse>"
                    : "{\"__type\":\"" + code[0] + "\",\"message\":\"says " + code[0] + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", query ? "text/xml" : "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(400, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create("probe", "probe"));
        try (SsmClient ssm = SsmClient.builder().region(Region.EU_WEST_1).endpointOverride(endpoint).credentialsProvider(keys)
                .httpClient(UrlConnectionHttpClient.create()).build();
             CloudFormationClient cloudFormation = CloudFormationClient.builder().region(Region.EU_WEST_1).endpointOverride(endpoint)
                     .credentialsProvider(keys).httpClient(UrlConnectionHttpClient.create()).build()) {
            for (int i = 0; i < args.length; i++) {
                String[] call = args[i].split(":");
                code[0] = call[1];
                try {
                    if (call[0].equals("ssm")) {
                        ssm.getParameter(request -> request.name("/probe"));
                    } else {
                        cloudFormation.describeStacks(request -> request.stackName("probe"));
                    }
                    System.out.println(args[i] + " -> no error");
                } catch (AwsServiceException e) {
                    System.out.println(args[i] + " -> " + e.getClass().getName() + " " + e.awsErrorDetails().errorCode() + " "
                            + e.statusCode() + " " + e.awsErrorDetails().errorMessage());
                }
            }
        } finally {
            server.stop(0);
        }
    }
}
