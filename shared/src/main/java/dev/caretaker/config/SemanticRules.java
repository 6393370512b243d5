package dev.caretaker.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a schema cannot say: values that are well-formed but would make Caretaker do nothing
 * or the wrong thing. Each rule reads the located tree defensively (the schema may have found
 * the same document wrong) and points at the node that has to change.
 */
final class SemanticRules {

    static final BigDecimal MAX_THRESHOLD_PERCENT = BigDecimal.valueOf(1000);
    private static final Duration WEEK = Duration.ofDays(7);

    private final Set<String> zones = ZoneId.getAvailableZoneIds();
    private final List<ConfigProblem> problems = new ArrayList<>();

    List<ConfigProblem> check(ConfigNode root) {
        problems.clear();
        maintenanceWindows(root);
        changeFreezes(root);
        deployment(root);
        drift(root);
        cost(root);
        backup(root);
        notifications(root);
        return List.copyOf(problems);
    }

    private void maintenanceWindows(ConfigNode root) {
        List<ConfigNode> windows = Nodes.items(Nodes.at(root, "maintenanceWindows"));
        uniqueNames(windows, "maintenanceWindows", "name", "window");
        for (int i = 0; i < windows.size(); i++) {
            String path = "maintenanceWindows[" + i + "]";
            ConfigNode window = windows.get(i);
            Nodes.scalar(Nodes.at(window, "timeZone")).ifPresent(zone -> {
                if (zone.value() instanceof String name && !name.isEmpty() && !zones.contains(name)) {
                    problems.add(new ConfigProblem(zone.location(), path + ".timeZone", "unknown time zone '" + name + "'"
                            + DidYouMean.closest(name, zones).map(s -> "; did you mean '" + s + "'?")
                                    .orElse(": expected an IANA id such as Europe/Berlin or UTC")));
                }
            });
            Nodes.scalar(Nodes.at(window, "duration")).ifPresent(durationNode -> {
                duration(durationNode).ifPresent(duration -> {
                    if (duration.isZero()) {
                        problems.add(new ConfigProblem(durationNode.location(), path + ".duration",
                                "the window never opens: its duration is zero"));
                    } else if (duration.compareTo(WEEK) > 0) {
                        problems.add(new ConfigProblem(durationNode.location(), path + ".duration",
                                "the window is longer than a week (" + durationNode.value() + "), so it never closes;"
                                        + " remove the window instead"));
                    }
                });
            });
        }
    }

    private static Optional<Duration> duration(ConfigNode.ConfigScalar node) {
        if (!(node.value() instanceof String text) || !text.matches("P(?:[0-9]{1,5}D)?(?:T(?:[0-9]{1,6}H)?(?:[0-9]{1,8}M)?)?")
                || text.equals("P") || text.endsWith("T")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private void changeFreezes(ConfigNode root) {
        List<ConfigNode> freezes = Nodes.items(Nodes.at(root, "changeFreezes"));
        uniqueNames(freezes, "changeFreezes", "name", "change freeze");
        record Range(String name, LocalDate from, LocalDate to, int line) {
        }
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < freezes.size(); i++) {
            String path = "changeFreezes[" + i + "]";
            ConfigNode freeze = freezes.get(i);
            Optional<LocalDate> from = date(freeze, "from", path);
            Optional<LocalDate> to = date(freeze, "to", path);
            if (from.isEmpty() || to.isEmpty()) {
                continue;
            }
            ConfigNode toNode = Nodes.at(freeze, "to").orElseThrow();
            if (to.get().isBefore(from.get())) {
                problems.add(new ConfigProblem(toNode.location(), path + ".to", "the freeze ends (" + to.get()
                        + ") before it starts (" + from.get() + ")"));
                continue;
            }
            ConfigNode fromNode = Nodes.at(freeze, "from").orElseThrow();
            String name = Nodes.text(Nodes.at(freeze, "name")).orElse("#" + i);
            for (Range earlier : ranges) {
                if (!from.get().isAfter(earlier.to()) && !to.get().isBefore(earlier.from())) {
                    problems.add(new ConfigProblem(fromNode.location(), path, "overlaps change freeze '" + earlier.name()
                            + "' (line " + earlier.line() + "); merge them into one"));
                }
            }
            ranges.add(new Range(name, from.get(), to.get(), fromNode.location().line()));
        }
    }

    private Optional<LocalDate> date(ConfigNode freeze, String key, String path) {
        Optional<ConfigNode.ConfigScalar> node = Nodes.scalar(Nodes.at(freeze, key));
        if (node.isEmpty() || !(node.get().value() instanceof String text) || !text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            problems.add(new ConfigProblem(node.get().location(), path + "." + key, "'" + text + "' is not a calendar date"));
            return Optional.empty();
        }
    }

    private void deployment(ConfigNode root) {
        List<ConfigNode> stacks = Nodes.items(Nodes.at(root, "deployment", "stacks"));
        uniqueNames(stacks, "deployment.stacks", "name", "stack");
        for (int i = 0; i < stacks.size(); i++) {
            exactlyOne(stacks.get(i), "deployment.stacks[" + i + "]", "template", "channel");
        }
        Nodes.scalar(Nodes.at(root, "deployment", "approvalTimeout")).ifPresent(timeout -> duration(timeout).ifPresent(duration -> {
            if (duration.isZero()) {
                problems.add(new ConfigProblem(timeout.location(), "deployment.approvalTimeout",
                        "a zero timeout rejects every change that needs approval before anyone can answer"));
            } else if (duration.compareTo(WEEK) > 0) {
                problems.add(new ConfigProblem(timeout.location(), "deployment.approvalTimeout", "at most 7 days (P7D), was "
                        + timeout.value() + ": a change that waits longer holds its stack back from every other release"));
            }
        }));
        List<ConfigNode> keys = Nodes.items(Nodes.at(root, "deployment", "trustedKeys"));
        uniqueNames(keys, "deployment.trustedKeys", "id", "trusted key");
        for (int i = 0; i < keys.size(); i++) {
            String path = "deployment.trustedKeys[" + i + "]";
            exactlyOne(keys.get(i), path, "publicKey", "kmsKeyId");
            Nodes.scalar(Nodes.at(keys.get(i), "publicKey")).ifPresent(pem -> {
                if (pem.value() instanceof String text) {
                    PublicKeys.problem(text).ifPresent(problem ->
                            problems.add(new ConfigProblem(pem.location(), path + ".publicKey", problem)));
                }
            });
        }
    }

    private void exactlyOne(ConfigNode item, String path, String first, String second) {
        if (!(item instanceof ConfigNode.ConfigMap map)) {
            return;
        }
        ConfigNode.Member a = map.members().get(first);
        ConfigNode.Member b = map.members().get(second);
        if (a == null && b == null) {
            problems.add(new ConfigProblem(map.location(), path, "needs " + first + " or " + second));
        } else if (a != null && b != null) {
            problems.add(new ConfigProblem(b.keyLocation(), path + "." + second, "give " + first + " or " + second
                    + ", not both (" + first + " is at line " + a.keyLocation().line() + ")"));
        }
    }

    private void drift(ConfigNode root) {
        schedule(root, "drift");
        Nodes.at(root, "drift").flatMap(Nodes::map).ifPresent(drift -> {
                    ConfigNode.Member stacks = drift.members().get("stacks");
                    ConfigNode.Member selector = drift.members().get("tagSelector");
                    if (stacks != null && selector != null) {
                        problems.add(new ConfigProblem(selector.keyLocation(), "drift.tagSelector",
                                "give stacks or tagSelector, not both (stacks is at line " + stacks.keyLocation().line() + ")"));
                    }
                });
    }

    private void cost(ConfigNode root) {
        schedule(root, "cost");
        List<ConfigNode> thresholds = Nodes.items(Nodes.at(root, "cost", "thresholds"));
        for (int i = 0; i < thresholds.size(); i++) {
            if (thresholds.get(i) instanceof ConfigNode.ConfigScalar scalar
                    && ConfigValues.decimal(scalar.value()) instanceof BigDecimal percent
                    && percent.compareTo(MAX_THRESHOLD_PERCENT) > 0) {
                problems.add(new ConfigProblem(scalar.location(), "cost.thresholds[" + i + "]", "threshold "
                        + percent.toPlainString() + "% is over 1000%: it would alert only at more than ten times the budget"));
            }
        }
        Optional<ConfigNode> thresholdNode = Nodes.at(root, "cost", "thresholds");
        if (!thresholds.isEmpty() && Nodes.at(root, "cost", "monthlyBudget").isEmpty()) {
            problems.add(new ConfigProblem(thresholdNode.orElseThrow().location(), "cost.thresholds",
                    "thresholds are percentages of cost.monthlyBudget, which is not set"));
        }
    }

    private void backup(ConfigNode root) {
        schedule(root, "backup");
        Optional<ConfigNode.ConfigScalar> copyTo = Nodes.scalar(Nodes.at(root, "backup", "copyToRegion"));
        Optional<ConfigNode.ConfigScalar> home = Nodes.scalar(Nodes.at(root, "customer", "region"));
        if (copyTo.isPresent() && home.isPresent() && copyTo.get().value() instanceof String region
                && region.equals(home.get().value())) {
            problems.add(new ConfigProblem(copyTo.get().location(), "backup.copyToRegion", "'" + region
                    + "' is the home region (customer.region, " + home.get().location().file() + ":"
                    + home.get().location().line() + "): a copy there does not survive losing the region"));
        }
    }

    private void notifications(ConfigNode root) {
        List<ConfigNode> channels = Nodes.items(Nodes.at(root, "notifications", "channels"));
        uniqueNames(channels, "notifications.channels", "name", "channel");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            ConfigNode channel = channels.get(i);
            Nodes.text(Nodes.at(channel, "name")).ifPresent(names::add);
            Optional<ConfigNode.ConfigScalar> target = Nodes.scalar(Nodes.at(channel, "target"));
            if (Nodes.text(Nodes.at(channel, "type")).filter("sns"::equals).isPresent() && target.isPresent()
                    && target.get().value() instanceof String arn && !arn.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}")) {
                problems.add(new ConfigProblem(target.get().location(), "notifications.channels[" + i + "].target",
                        "an sns channel's target is an SNS topic ARN, not '" + arn + "'"));
            }
        }
        List<ConfigNode> routes = Nodes.items(Nodes.at(root, "notifications", "routes"));
        for (int i = 0; i < routes.size(); i++) {
            List<ConfigNode> routed = Nodes.items(Nodes.at(routes.get(i), "channels"));
            for (int j = 0; j < routed.size(); j++) {
                if (routed.get(j) instanceof ConfigNode.ConfigScalar scalar && scalar.value() instanceof String name
                        && !names.contains(name)) {
                    problems.add(new ConfigProblem(scalar.location(), "notifications.routes[" + i + "].channels[" + j + "]",
                            "no channel named '" + name + "' in notifications.channels"
                                    + DidYouMean.closest(name, names).map(s -> "; did you mean '" + s + "'?").orElse("")));
                }
            }
        }
    }

    private void schedule(ConfigNode root, String section) {
        Nodes.scalar(Nodes.at(root, section, "schedule")).ifPresent(node -> {
            if (node.value() instanceof String expression) {
                ScheduleExpressions.problem(expression).ifPresent(problem -> problems.add(new ConfigProblem(
                        node.location(), section + ".schedule", "EventBridge Scheduler would reject '" + expression + "': " + problem)));
            }
        });
    }

    private void uniqueNames(List<ConfigNode> items, String path, String key, String what) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Optional<ConfigNode.ConfigScalar> name = Nodes.scalar(Nodes.at(items.get(i), key));
            if (name.isPresent() && name.get().value() instanceof String text) {
                Integer firstLine = seen.putIfAbsent(text, name.get().location().line());
                if (firstLine != null) {
                    problems.add(new ConfigProblem(name.get().location(), path + "[" + i + "]." + key, "duplicate " + what
                            + " " + key + " '" + text + "' (first at line " + firstLine + ")"));
                }
            }
        }
    }

}
