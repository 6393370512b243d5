package dev.caretaker.config;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.notify.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Wires a function's {@link ConfigProvider} from its environment: {@value #ENV_PARAMETER} names the
 * SSM parameter (template.yaml sets it for every function), {@value #ENV_TTL} optionally shortens
 * or lengthens the cache (default one minute). Without {@value #ENV_PARAMETER} a function has no
 * configuration source, which the caller decides how to treat.
 */
public final class ConfigProviderFactory {

    public static final String ENV_PARAMETER = "CONFIG_PARAMETER";
    public static final String ENV_TTL = "CONFIG_TTL_SECONDS";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);

    private ConfigProviderFactory() {
    }

    public static Optional<ConfigProvider> fromEnvironment(AwsClientFactory clients, Notifier notifier, ConfigMetrics metrics,
                                                           Clock clock) {
        String parameter = clients.optional(ENV_PARAMETER, "");
        if (parameter.isBlank()) {
            return Optional.empty();
        }
        Duration ttl = ttl(clients.optional(ENV_TTL, ""));
        ConfigSource source = new SsmConfigSource(clients.build(SsmClient.builder(), "SSM"), parameter);
        return Optional.of(new ConfigProvider(source, ttl, clock, new ConfigValidator(), metrics, notifier));
    }

    static Duration ttl(String seconds) {
        if (seconds.isBlank()) {
            return DEFAULT_TTL;
        }
        try {
            long value = Long.parseLong(seconds.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(ENV_TTL + " must be a whole number of seconds, not '" + seconds + "'");
        }
    }
}
