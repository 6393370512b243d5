package dev.caretaker.testing;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Fixed credentials for local engines. DynamoDB Local accepts only letters and digits in the key id. */
public final class TestCredentials {

    public static final String ACCESS_KEY = "caretakerlocal";
    public static final String SECRET_KEY = "caretakerlocalsecret";
    public static final String REGION = "eu-west-1";

    private TestCredentials() {
    }

    public static AwsCredentialsProvider provider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** A function environment pointing at local engines: what a handler's package-private constructor gets. */
    public static Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", REGION);
        env.putAll(extra);
        return env;
    }
}
