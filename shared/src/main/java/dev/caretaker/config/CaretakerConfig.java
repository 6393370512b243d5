package dev.caretaker.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The effective configuration of one customer environment, typed. Built only from a document that
 * validated, so every value here is already known to be well-formed; defaults are applied here,
 * once. Sections an operator left out are empty {@link Optional}s.
 */
public record CaretakerConfig(
        int schemaVersion,
        Customer customer,
        String environment,
        List<MaintenanceWindow> maintenanceWindows,
        List<ChangeFreeze> changeFreezes,
        Optional<Deployment> deployment,
        Optional<Drift> drift,
        Optional<Cost> cost,
        Optional<Backup> backup,
        Notifications notifications) {

    public CaretakerConfig {
        maintenanceWindows = List.copyOf(maintenanceWindows);
        changeFreezes = List.copyOf(changeFreezes);
    }

    public record Customer(String id, String account, String region) {
    }

    public record MaintenanceWindow(String name, Set<DayOfWeek> days, LocalTime start, Duration duration, ZoneId timeZone) {
        public MaintenanceWindow {
            days = Set.copyOf(days);
        }
    }

    /** {@code from} to {@code to}, both days included. */
    public record ChangeFreeze(String name, LocalDate from, LocalDate to, Optional<String> reason) {
    }

    public enum Approval { AUTO, REQUIRED }

    /** @param approvalTimeout how long a change waits for approval before it is rejected */
    public record Deployment(Approval approval, boolean allowOutsideWindow, Duration approvalTimeout, List<TrustedKey> trustedKeys,
                             List<Stack> stacks) {
        public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(24);

        public Deployment {
            trustedKeys = List.copyOf(trustedKeys);
            stacks = List.copyOf(stacks);
        }
    }

    /** A key trusted to sign release manifests. */
    public sealed interface TrustedKey {
        String id();

        record Pem(String id, String publicKey) implements TrustedKey {
        }

        record Kms(String id, String kmsKeyId) implements TrustedKey {
        }
    }

    public record Stack(String name, TemplateSource source, Map<String, String> parameters, Map<String, String> tags,
                        Approval approval, Set<String> capabilities, Rollback rollback) {
        public Stack {
            parameters = Map.copyOf(parameters);
            tags = Map.copyOf(tags);
            capabilities = Set.copyOf(capabilities);
        }
    }

    /** Where a stack's template comes from. */
    public sealed interface TemplateSource {
        record Location(URI location) implements TemplateSource {
        }

        record Channel(String name) implements TemplateSource {
        }
    }

    public record Rollback(List<String> alarms, int monitoringMinutes) {
        public Rollback {
            alarms = List.copyOf(alarms);
        }
    }

    public enum Remediation { NEVER, ON_APPROVAL, AUTO }

    public record Drift(Optional<String> schedule, List<String> stacks, Map<String, String> tagSelector,
                        List<IgnoreRule> ignore, Remediation remediation, Optional<BigDecimal> callsPerSecond) {
        public Drift {
            stacks = List.copyOf(stacks);
            tagSelector = Map.copyOf(tagSelector);
            ignore = List.copyOf(ignore);
        }
    }

    /** Globs: {@code *} is any run of characters except '.', {@code **} anything; no property ignores the whole resource. */
    public record IgnoreRule(String resource, Optional<String> resourceType, Optional<String> property, Optional<String> reason) {
    }

    public enum Sensitivity { LOW, MEDIUM, HIGH }

    public record Cost(Optional<String> schedule, Optional<BigDecimal> monthlyBudget, String currency,
                       List<BigDecimal> thresholds, List<String> groupBy, Sensitivity anomalySensitivity) {
        public Cost {
            thresholds = List.copyOf(thresholds);
            groupBy = List.copyOf(groupBy);
        }
    }

    public record Backup(Optional<String> schedule, List<String> dynamoDbTables, List<String> s3Prefixes,
                         boolean stackConfiguration, Retention retention, Optional<String> copyToRegion) {
        public Backup {
            dynamoDbTables = List.copyOf(dynamoDbTables);
            s3Prefixes = List.copyOf(s3Prefixes);
        }
    }

    public record Retention(int daily, int weekly, int monthly) {
    }

    public record Notifications(List<Channel> channels, List<Route> routes) {
        public Notifications {
            channels = List.copyOf(channels);
            routes = List.copyOf(routes);
        }
    }

    public record Channel(String name, String type, String target) {
    }

    /** Notifications of {@code severity} and above go to {@code channels}. */
    public record Route(String severity, List<String> channels) {
        public Route {
            channels = List.copyOf(channels);
        }
    }
}
