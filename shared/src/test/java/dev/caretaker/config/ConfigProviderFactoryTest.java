package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.testing.TestCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigProviderFactoryTest {

    @Test
    void buildsNoProvider_whenNoParameterIsConfigured() {
        AwsClientFactory clients = new AwsClientFactory(Map.of("AWS_REGION", "eu-west-1"), TestCredentials.provider());

        assertThat(ConfigProviderFactory.fromEnvironment(clients, n -> { }, ConfigMetrics.NONE, Clock.systemUTC())).isEmpty();
    }

    @Test
    void buildsSsmProviderForTheParameter_withoutReadingItYet() {
        AwsClientFactory clients = new AwsClientFactory(Map.of("AWS_REGION", "eu-west-1",
                "CONFIG_PARAMETER", "/caretaker/acme/prod/config", "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:9"), TestCredentials.provider());

        assertThat(ConfigProviderFactory.fromEnvironment(clients, n -> { }, ConfigMetrics.NONE, Clock.systemUTC()))
                .hasValueSatisfying(provider -> assertThat(provider.source()).isEqualTo("ssm:/caretaker/acme/prod/config"));
    }

    @Test
    void readsTtlInSeconds_andRefusesAnythingElse() {
        assertThat(ConfigProviderFactory.ttl("")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ConfigProviderFactory.ttl("0")).isEqualTo(Duration.ZERO);
        assertThat(ConfigProviderFactory.ttl("300")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> ConfigProviderFactory.ttl("1m")).hasMessage("CONFIG_TTL_SECONDS must be a whole number of seconds, not '1m'");
        assertThatThrownBy(() -> ConfigProviderFactory.ttl("-1")).isInstanceOf(IllegalStateException.class);
    }
}
