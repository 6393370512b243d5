package dev.caretaker.config;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.events.EventBridgePublisher;
import dev.caretaker.notify.BusNotifier;
import dev.caretaker.notify.Notifier;
import dev.caretaker.observability.Observability;
import dev.caretaker.observability.PowertoolsConfigMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
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

    /**
     * A worker's provider: workers hold no notification topic, so a rejected version is announced
     * on the Caretaker bus (source {@code caretaker.config}), which routes it to the channels like
     * any other ERROR event; the metric carries the worker's {@code service} name.
     */
    public static Optional<ConfigProvider> forWorker(AwsClientFactory clients, String service, Clock clock) {
        if (clients.optional(ENV_PARAMETER, "").isBlank()) {
            return Optional.empty();
        }
        String namespace = clients.optional("POWERTOOLS_METRICS_NAMESPACE", "Caretaker");
        Notifier bus = new BusNotifier(new EventBridgePublisher(clients.build(EventBridgeClient.builder(), "EVENTBRIDGE"),
                clients.require("EVENT_BUS_NAME")), "caretaker.config", "ConfigurationRejected", clock);
        return fromEnvironment(clients, bus, new PowertoolsConfigMetrics(Observability.metrics(namespace), namespace, service), clock);
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
