package dev.caretaker.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A validated document as {@link CaretakerConfig}, with the defaults the schema documents. */
final class ConfigMapper {

    private static final Map<String, DayOfWeek> DAYS = Map.of("MON", DayOfWeek.MONDAY, "TUE", DayOfWeek.TUESDAY,
            "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY, "SAT", DayOfWeek.SATURDAY,
            "SUN", DayOfWeek.SUNDAY);

    private ConfigMapper() {
    }

    static CaretakerConfig toConfig(ConfigNode root) {
        return new CaretakerConfig(
                ((Long) value(root, "schemaVersion")).intValue(),
                new CaretakerConfig.Customer(text(root, "customer", "id"), text(root, "customer", "account"), text(root, "customer", "region")),
                text(root, "environment"),
                list(root, "maintenanceWindows").stream().map(ConfigMapper::window).toList(),
                list(root, "changeFreezes").stream().map(freeze -> new CaretakerConfig.ChangeFreeze(text(freeze, "name"),
                        LocalDate.parse(text(freeze, "from")), LocalDate.parse(text(freeze, "to")), optionalText(freeze, "reason"))).toList(),
                Nodes.at(root, "deployment").map(ConfigMapper::deployment),
                Nodes.at(root, "drift").map(ConfigMapper::drift),
                Nodes.at(root, "cost").map(ConfigMapper::cost),
                Nodes.at(root, "backup").map(ConfigMapper::backup),
                new CaretakerConfig.Notifications(
                        list(root, "notifications", "channels").stream().map(channel -> new CaretakerConfig.Channel(
                                text(channel, "name"), text(channel, "type"), text(channel, "target"))).toList(),
                        list(root, "notifications", "routes").stream().map(route -> new CaretakerConfig.Route(
                                text(route, "severity"), strings(route, "channels"))).toList()));
    }

    private static CaretakerConfig.MaintenanceWindow window(ConfigNode window) {
        return new CaretakerConfig.MaintenanceWindow(text(window, "name"),
                strings(window, "days").stream().map(DAYS::get).collect(Collectors.toSet()),
                LocalTime.parse(text(window, "start")), Duration.parse(text(window, "duration")), ZoneId.of(text(window, "timeZone")));
    }

    private static CaretakerConfig.Deployment deployment(ConfigNode deployment) {
        CaretakerConfig.Approval defaultApproval = approval(optionalText(deployment, "approval")).orElse(CaretakerConfig.Approval.REQUIRED);
        return new CaretakerConfig.Deployment(defaultApproval,
                Boolean.TRUE.equals(value(deployment, "allowOutsideWindow")),
                optionalText(deployment, "approvalTimeout").map(Duration::parse)
                        .orElse(CaretakerConfig.Deployment.DEFAULT_APPROVAL_TIMEOUT),
                list(deployment, "trustedKeys").stream().map(key -> optionalText(key, "publicKey")
                        .<CaretakerConfig.TrustedKey>map(pem -> new CaretakerConfig.TrustedKey.Pem(text(key, "id"), pem))
                        .orElseGet(() -> new CaretakerConfig.TrustedKey.Kms(text(key, "id"), text(key, "kmsKeyId")))).toList(),
                list(deployment, "stacks").stream().map(stack -> new CaretakerConfig.Stack(text(stack, "name"),
                        optionalText(stack, "channel").<CaretakerConfig.TemplateSource>map(CaretakerConfig.TemplateSource.Channel::new)
                                .orElseGet(() -> new CaretakerConfig.TemplateSource.Location(URI.create(text(stack, "template", "location")))),
                        stringMap(stack, "parameters"), stringMap(stack, "tags"),
                        approval(optionalText(stack, "approval")).orElse(defaultApproval),
                        new LinkedHashSet<>(strings(stack, "capabilities")),
                        new CaretakerConfig.Rollback(strings(stack, "rollback", "alarms"),
                                Optional.ofNullable((Long) value(stack, "rollback", "monitoringMinutes")).orElse(0L).intValue())))
                        .toList());
    }

    private static CaretakerConfig.Drift drift(ConfigNode drift) {
        return new CaretakerConfig.Drift(optionalText(drift, "schedule"), strings(drift, "stacks"), stringMap(drift, "tagSelector"),
                list(drift, "ignore").stream().map(rule -> new CaretakerConfig.IgnoreRule(text(rule, "resource"),
                        optionalText(rule, "resourceType"), optionalText(rule, "property"), optionalText(rule, "reason"))).toList(),
                optionalText(drift, "remediation").map(r -> CaretakerConfig.Remediation.valueOf(constant(r)))
                        .orElse(CaretakerConfig.Remediation.NEVER),
                Optional.ofNullable(value(drift, "rateLimit", "callsPerSecond")).map(ConfigValues::decimal).map(BigDecimal.class::cast));
    }

    private static CaretakerConfig.Cost cost(ConfigNode cost) {
        return new CaretakerConfig.Cost(optionalText(cost, "schedule"),
                Optional.ofNullable(value(cost, "monthlyBudget")).map(ConfigValues::decimal).map(BigDecimal.class::cast),
                optionalText(cost, "currency").orElse("USD"),
                list(cost, "thresholds").stream().map(n -> (BigDecimal) ConfigValues.decimal(((ConfigNode.ConfigScalar) n).value())).toList(),
                strings(cost, "groupBy"),
                optionalText(cost, "anomalySensitivity").map(s -> CaretakerConfig.Sensitivity.valueOf(constant(s)))
                        .orElse(CaretakerConfig.Sensitivity.MEDIUM));
    }

    private static CaretakerConfig.Backup backup(ConfigNode backup) {
        return new CaretakerConfig.Backup(optionalText(backup, "schedule"),
                strings(backup, "targets", "dynamoDbTables"), strings(backup, "targets", "s3Prefixes"),
                Boolean.TRUE.equals(value(backup, "targets", "stackConfiguration")),
                new CaretakerConfig.Retention(count(backup, "daily"), count(backup, "weekly"), count(backup, "monthly")),
                optionalText(backup, "copyToRegion"));
    }

    private static int count(ConfigNode backup, String key) {
        return Optional.ofNullable((Long) value(backup, "retention", key)).orElse(0L).intValue();
    }

    private static Optional<CaretakerConfig.Approval> approval(Optional<String> text) {
        return text.map(a -> CaretakerConfig.Approval.valueOf(constant(a)));
    }

    private static String constant(String text) {
        return text.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static Object value(ConfigNode node, String... keys) {
        return Nodes.scalar(Nodes.at(node, keys)).map(ConfigNode.ConfigScalar::value).orElse(null);
    }

    private static String text(ConfigNode node, String... keys) {
        return Nodes.text(Nodes.at(node, keys)).orElseThrow(() -> new IllegalStateException(String.join(".", keys) + " missing"));
    }

    private static Optional<String> optionalText(ConfigNode node, String... keys) {
        return Nodes.text(Nodes.at(node, keys));
    }

    private static List<ConfigNode> list(ConfigNode node, String... keys) {
        return Nodes.items(Nodes.at(node, keys));
    }

    private static List<String> strings(ConfigNode node, String... keys) {
        return list(node, keys).stream().map(item -> String.valueOf(((ConfigNode.ConfigScalar) item).value())).toList();
    }

    private static Map<String, String> stringMap(ConfigNode node, String... keys) {
        Map<String, String> values = new LinkedHashMap<>();
        Nodes.at(node, keys).flatMap(Nodes::map).ifPresent(map -> map.members().forEach((key, member) ->
                values.put(key, member.value() instanceof ConfigNode.ConfigScalar s && s.value() instanceof BigDecimal d
                        ? d.toPlainString() : String.valueOf(((ConfigNode.ConfigScalar) member.value()).value()))));
        return values;
    }
}
