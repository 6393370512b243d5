package dev.caretaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.testing.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

class S3TemplateSourceTest {

    private static EmbeddedS3 s3;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.start();
        s3.client().createBucket(r -> r.bucket("vendor-releases"));
        s3.client().putObject(r -> r.bucket("vendor-releases").key("app/1.5.0/template.yaml"),
                RequestBody.fromString("Resources: {}", StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void readsTheObject_whenTheUrlIsVirtualHostedPathStyleOrLocal() {
        S3TemplateSource source = new S3TemplateSource(s3.client());

        assertThat(source.apply("https://vendor-releases.s3.eu-west-1.amazonaws.com/app/1.5.0/template.yaml"))
                .asString(StandardCharsets.UTF_8).isEqualTo("Resources: {}");
        assertThat(source.apply("https://s3.eu-west-1.amazonaws.com/vendor-releases/app/1.5.0/template.yaml"))
                .asString(StandardCharsets.UTF_8).isEqualTo("Resources: {}");
        assertThat(source.apply(s3.endpoint() + "/vendor-releases/app/1.5.0/template.yaml"))
                .asString(StandardCharsets.UTF_8).isEqualTo("Resources: {}");
    }

    @Test
    void fails_whenTheObjectOrBucketIsMissing() {
        S3TemplateSource source = new S3TemplateSource(s3.client());

        assertThatThrownBy(() -> source.apply("https://vendor-releases.s3.amazonaws.com/app/9.9.9/template.yaml"))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> source.apply(s3.endpoint() + "/only-a-bucket"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an S3 object URL");
    }
}
