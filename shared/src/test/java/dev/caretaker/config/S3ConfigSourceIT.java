package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.notify.Notification;
import dev.caretaker.testing.EmbeddedS3;
import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 adapter and the provider over it, against s3proxy. */
class S3ConfigSourceIT {

    private static final String BUCKET = "caretaker-acme-prod-artifacts";
    private static EmbeddedS3 s3;
    private static S3Client client;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.start();
        client = s3.client();
        client.createBucket(request -> request.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        client.close();
        s3.close();
    }

    private static void put(String key, String text) {
        client.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString(text));
    }

    @Test
    void providerAppliesValidVersions_rejectsInvalidOne_andKeepsTheLastValid() {
        String key = "config/effective.yaml";
        S3ConfigSource source = new S3ConfigSource(client, BUCKET, key);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        ConfigProviderTest.RecordingMetrics metrics = new ConfigProviderTest.RecordingMetrics();
        List<Notification> notifications = new ArrayList<>();
        ConfigProvider provider = new ConfigProvider(source, Duration.ofMinutes(1), clock, new ConfigValidator(), metrics, notifications::add);

        put(key, ConfigProviderTest.VALID);
        ConfigProvider.Active first = provider.active();
        put(key, ConfigProviderTest.INVALID);
        clock.advance(Duration.ofMinutes(1));
        ConfigProvider.Active afterInvalid = provider.active();
        put(key, ConfigProviderTest.VALID.replace("cron(0 3 * * ? *)", "rate(1 day)"));
        clock.advance(Duration.ofMinutes(1));
        ConfigProvider.Active afterFix = provider.active();

        assertThat(afterInvalid.version()).isEqualTo(first.version());
        assertThat(afterFix.version()).isNotEqualTo(first.version());
        assertThat(afterFix.config().drift().orElseThrow().schedule()).contains("rate(1 day)");
        assertThat(metrics.recorded).containsExactly("accepted", "rejected:2", "accepted");
        assertThat(notifications).singleElement().extracting(Notification::body).asString()
                .contains("s3://" + BUCKET + "/" + key + ":5:13: drift.schedule");
    }

    @Test
    void failsWithTheObjectsAddress_whenItDoesNotExist() {
        S3ConfigSource source = new S3ConfigSource(client, BUCKET, "config/missing.yaml");

        assertThatThrownBy(source::fetch).isInstanceOf(ConfigSource.ConfigSourceException.class)
                .hasMessageStartingWith("S3 GetObject on s3://" + BUCKET + "/config/missing.yaml failed:");
    }
}
