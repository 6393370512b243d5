package dev.caretaker.bench.jmh;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.caretaker.drift.IgnoreRule;
import dev.caretaker.drift.report.DifferenceType;
import dev.caretaker.drift.report.DriftExplainer;
import dev.caretaker.drift.report.DriftReportJson;
import dev.caretaker.drift.report.DriftSummary;
import dev.caretaker.drift.report.ExplainedStack;
import dev.caretaker.drift.report.PropertyDifference;
import dev.caretaker.drift.report.ResourceDrift;
import dev.caretaker.drift.report.ResourceStatus;
import dev.caretaker.drift.report.StackDrift;
import dev.caretaker.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The drift report for one 500-resource stack, as the drift check builds it from a detection:
 * classify and explain every resource (ignore rules, severity rules), summarise, render the report
 * JSON and turn it into the result event's map. A tenth of the resources drifted, with two
 * property differences each; a few were deleted or not checked; three ignore rules apply.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class DriftReportBenchmark {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final String[] TYPES = {"AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::DynamoDB::Table", "AWS::EC2::SecurityGroup",
        "AWS::Lambda::Function", "AWS::IAM::Role", "AWS::SNS::Topic", "AWS::Logs::LogGroup"};

    private DriftExplainer explainer;
    private StackDrift stack;

    @Setup
    public void setUp() {
        List<ResourceDrift> resources = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String type = TYPES[i % TYPES.length];
            String logicalId = "Resource" + i;
            if (i % 10 == 3) {
                resources.add(new ResourceDrift(logicalId, "physical-" + i, type, ResourceStatus.MODIFIED, List.of(
                        new PropertyDifference("Tags.1.Value", PropertyDifference.parseValue("\"blue\""),
                                PropertyDifference.parseValue("\"green\""), DifferenceType.NOT_EQUAL),
                        new PropertyDifference(type.equals("AWS::EC2::SecurityGroup") ? "SecurityGroupIngress.1" : "Timeout",
                                PropertyDifference.parseValue("30"), PropertyDifference.parseValue("60"), DifferenceType.NOT_EQUAL)),
                        Optional.empty()));
            } else if (i % 50 == 7) {
                resources.add(new ResourceDrift(logicalId, "physical-" + i, type, ResourceStatus.DELETED, List.of(), Optional.empty()));
            } else if (i % 50 == 9) {
                resources.add(new ResourceDrift(logicalId, "physical-" + i, type, ResourceStatus.NOT_CHECKED, List.of(),
                        Optional.of("Drift detection is not supported for this resource type")));
            } else {
                resources.add(new ResourceDrift(logicalId, "physical-" + i, type, ResourceStatus.IN_SYNC, List.of(), Optional.empty()));
            }
        }
        stack = StackDrift.root("app-large", resources, List.of());
        explainer = new DriftExplainer(List.of(
                IgnoreRule.of("Resource1*", null, "Tags.*", "tags are managed by the cost team"),
                IgnoreRule.of("*", "AWS::Logs::LogGroup", null, "log groups are tuned by hand"),
                IgnoreRule.of("Resource4?3", "AWS::S3::Bucket", "Timeout", "not a bucket setting")));
    }

    @Benchmark
    public Map<String, Object> fiveHundredResourceStack() {
        List<ExplainedStack> stacks = explainer.explain(List.of(stack));
        DriftSummary summary = DriftSummary.of(stacks);
        Map<String, Object> report = Json.mapper().convertValue(DriftReportJson.report(stacks), MAP);
        report.put("drifted", summary.drifted());
        return report;
    }
}
