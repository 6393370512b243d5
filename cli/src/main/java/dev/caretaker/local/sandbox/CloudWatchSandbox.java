package dev.caretaker.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's CloudWatch over the query protocol (version 2010-08-01, which the SDK's
 * CloudWatchClient speaks): DescribeAlarms of the scenario's metric alarms, by name, prefix or
 * state, paged by MaxRecords. States come from {@link SandboxAlarms}; the alarms watch no real
 * metric, and their metric fields say so. Alarms are listed by name, as CloudWatch lists them.
 */
final class CloudWatchSandbox {

    static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final int DEFAULT_RECORDS = 50;

    private final SandboxAlarms alarms;
    private final Clock clock;
    private final Instant configured;

    CloudWatchSandbox(SandboxAlarms alarms, Clock clock) {
        this.alarms = alarms;
        this.clock = clock;
        this.configured = clock.instant();
    }

    SandboxResponse handle(String action, Map<String, String> parameters) {
        QueryRequest request = new QueryRequest(parameters);
        try {
            if (!action.equals("DescribeAlarms")) {
                throw SandboxError.of("InvalidAction", "the Caretaker sandbox does not implement CloudWatch " + action);
            }
            return SandboxResponse.xml(200, QueryXml.response(action, NAMESPACE, describeAlarms(request)));
        } catch (SandboxError e) {
            return e.xml(NAMESPACE);
        }
    }

    static SandboxResponse failure(InjectedFailure.Kind kind) {
        return switch (kind) {
            case THROTTLING -> SandboxResponse.xml(400, QueryXml.error(NAMESPACE, "Sender", "Throttling", "Rate exceeded"));
            case INTERNAL_ERROR -> SandboxResponse.xml(500, QueryXml.error(NAMESPACE, "Receiver", "InternalServiceError",
                    "injected by the Caretaker sandbox scenario"));
        };
    }

    private QueryXml describeAlarms(QueryRequest request) {
        if (request.optional("ActionPrefix").isPresent() || request.optional("ChildrenOfAlarmName").isPresent()
                || request.optional("ParentsOfAlarmName").isPresent()) {
            throw SandboxError.of("InvalidParameterCombination", "the Caretaker sandbox filters alarms by AlarmNames, AlarmNamePrefix"
                    + " and StateValue only");
        }
        List<String> names = request.list("AlarmNames");
        Optional<String> prefix = request.optional("AlarmNamePrefix");
        if (!names.isEmpty() && prefix.isPresent()) {
            throw SandboxError.of("InvalidParameterCombination", "AlarmNames and AlarmNamePrefix cannot be specified together.");
        }
        List<String> types = request.list("AlarmTypes");
        boolean metricAlarms = types.isEmpty() || types.contains("MetricAlarm");
        Optional<String> state = request.optional("StateValue");
        Instant now = clock.instant();
        List<String> matching = !metricAlarms ? List.of() : alarms.names().stream()
                .filter(name -> names.isEmpty() || names.contains(name))
                .filter(name -> prefix.map(name::startsWith).orElse(true))
                .filter(name -> state.map(wanted -> alarms.state(name, now).value().equals(wanted)).orElse(true))
                .sorted()
                .toList();
        int records = request.integer("MaxRecords", DEFAULT_RECORDS);
        if (records < 1 || records > 100) {
            throw SandboxError.of("InvalidParameterValue", "MaxRecords must be between 1 and 100");
        }
        int from = request.optional("NextToken").map(CloudWatchSandbox::offset).orElse(0);
        int to = Math.min(matching.size(), from + records);
        QueryXml result = new QueryXml().open("MetricAlarms");
        for (String name : matching.subList(Math.min(from, matching.size()), to)) {
            SandboxAlarms.State current = alarms.state(name, now);
            result.open("member")
                    .element("AlarmName", name)
                    .element("AlarmArn", alarms.arn(name))
                    .element("AlarmDescription", "Caretaker sandbox alarm: its state is scripted by the scenario, no metric is watched")
                    .element("AlarmConfigurationUpdatedTimestamp", configured.toString())
                    .element("ActionsEnabled", "false")
                    .open("OKActions").close("OKActions")
                    .open("AlarmActions").close("AlarmActions")
                    .open("InsufficientDataActions").close("InsufficientDataActions")
                    .element("StateValue", current.value())
                    .element("StateReason", current.reason())
                    .element("StateUpdatedTimestamp", current.updated().toString())
                    .element("MetricName", name)
                    .element("Namespace", "Caretaker/Sandbox")
                    .element("Statistic", "Sum")
                    .open("Dimensions").close("Dimensions")
                    .element("Period", "60")
                    .element("EvaluationPeriods", "1")
                    .element("Threshold", "1.0")
                    .element("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                    .element("TreatMissingData", "notBreaching")
                    .element("StateTransitionedTimestamp", current.updated().toString())
                    .close("member");
        }
        result.close("MetricAlarms").open("CompositeAlarms").close("CompositeAlarms");
        if (to < matching.size()) {
            result.element("NextToken", Base64.getEncoder().encodeToString(("alarms|" + to).getBytes(StandardCharsets.UTF_8)));
        }
        return result;
    }

    private static int offset(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("alarms|")) {
                return Integer.parseInt(decoded.substring("alarms|".length()));
            }
        } catch (IllegalArgumentException e) {
            // Not a token this sandbox issued: refused below.
        }
        throw SandboxError.of("InvalidNextToken", "The service returned an invalid NextToken.");
    }
}
