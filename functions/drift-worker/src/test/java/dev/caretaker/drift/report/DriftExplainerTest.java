package dev.caretaker.drift.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.drift.IgnoreRule;
import dev.caretaker.json.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftExplainerTest {

    private static final DriftExplainer NO_IGNORES = new DriftExplainer(List.of());

    private static PropertyDifference difference(String path, String expected, String actual, DifferenceType type) {
        return new PropertyDifference(path, PropertyDifference.parseValue(expected), PropertyDifference.parseValue(actual), type);
    }

    private static ResourceDrift modified(String logicalId, String type, PropertyDifference... differences) {
        return new ResourceDrift(logicalId, logicalId.toLowerCase(), type, ResourceStatus.MODIFIED, List.of(differences),
                Optional.empty());
    }

    private static ResourceDrift withStatus(String logicalId, String type, ResourceStatus status, String reason) {
        return new ResourceDrift(logicalId, null, type, status, List.of(), Optional.ofNullable(reason));
    }

    @Test
    void takesTheWorstDifferenceAsTheResourceSeverity_whenDifferencesDisagree() {
        ExplainedStack stack = NO_IGNORES.explain(StackDrift.root("billing", List.of(modified("InvoiceBucket", "AWS::S3::Bucket",
                difference("VersioningConfiguration.Status", "Enabled", "Suspended", DifferenceType.NOT_EQUAL),
                difference("PublicAccessBlockConfiguration.BlockPublicPolicy", "true", "false", DifferenceType.NOT_EQUAL))),
                List.of()));

        ExplainedResource bucket = stack.resources().getFirst();
        assertThat(bucket.severity()).isEqualTo(DriftSeverity.CRITICAL);
        assertThat(bucket.why()).isEqualTo("public access to the bucket");
        assertThat(bucket.differences()).extracting(ExplainedDifference::severity)
                .containsExactly(DriftSeverity.WARNING, DriftSeverity.CRITICAL);
        assertThat(stack.status()).isEqualTo("DRIFTED");
        assertThat(stack.partial()).isFalse();
    }

    @Test
    void keepsValuesAsJsonTrees_whenCloudFormationSendsJsonText() {
        ExplainedStack stack = NO_IGNORES.explain(StackDrift.root("network", List.of(modified("Sg", "AWS::EC2::SecurityGroup",
                difference("SecurityGroupIngress.1", "null",
                        "{\"CidrIp\":\"0.0.0.0/0\",\"FromPort\":22,\"IpProtocol\":\"tcp\",\"ToPort\":22}", DifferenceType.ADD))),
                List.of()));

        ExplainedDifference added = stack.resources().getFirst().differences().getFirst();
        assertThat(added.expected().isNull()).isTrue();
        assertThat(added.actual().isObject()).isTrue();
        assertThat(added.actual().get("FromPort").intValue()).isEqualTo(22);
        assertThat(PropertyDifference.parseValue("Enabled").textValue()).isEqualTo("Enabled");
        assertThat(PropertyDifference.parseValue("90").isNumber()).isTrue();
    }

    @Test
    void makesDeletedStatefulResourcesCritical_andOthersWarning() {
        ExplainedStack stack = NO_IGNORES.explain(StackDrift.root("billing", List.of(
                withStatus("AlarmTopic", "AWS::SNS::Topic", ResourceStatus.DELETED, null),
                withStatus("LedgerTable", "AWS::DynamoDB::Table", ResourceStatus.DELETED, null)), List.of()));

        assertThat(stack.resources()).extracting(ExplainedResource::logicalId, ExplainedResource::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("LedgerTable", DriftSeverity.CRITICAL),
                org.assertj.core.groups.Tuple.tuple("AlarmTopic", DriftSeverity.WARNING));
        assertThat(stack.resources().getFirst().why()).contains("held data");
    }

    @Test
    void dropsIgnoredDifferencesAndCountsThem_whenRulesMatch() {
        DriftExplainer explainer = new DriftExplainer(List.of(IgnoreRule.of("*", null, "Tags.*", "tagging job")));

        ExplainedStack stack = explainer.explain(StackDrift.root("billing", List.of(
                modified("InvoiceQueue", "AWS::SQS::Queue", difference("Tags.0.Value", "billing", "finance", DifferenceType.NOT_EQUAL)),
                modified("InvoiceFunction", "AWS::Lambda::Function",
                        difference("Timeout", "30", "90", DifferenceType.NOT_EQUAL),
                        difference("Tags.1", "null", "{\"Key\":\"k\",\"Value\":\"v\"}", DifferenceType.ADD))), List.of()));

        assertThat(stack.ignored()).isEqualTo(2);
        assertThat(stack.resources()).extracting(ExplainedResource::logicalId).containsExactly("InvoiceFunction");
        assertThat(stack.resources().getFirst().differences()).extracting(ExplainedDifference::path).containsExactly("Timeout");
    }

    @Test
    void reportsInSyncWithIgnoredCount_whenEveryDriftIsIgnored() {
        DriftExplainer explainer = new DriftExplainer(List.of(IgnoreRule.of("LedgerTable", "AWS::DynamoDB::*", null, null)));

        ExplainedStack stack = explainer.explain(StackDrift.root("billing", List.of(
                withStatus("LedgerTable", "AWS::DynamoDB::Table", ResourceStatus.DELETED, null)), List.of()));

        assertThat(stack.status()).isEqualTo("IN_SYNC");
        assertThat(stack.ignored()).isEqualTo(1);
        assertThat(stack.resources()).isEmpty();
    }

    @Test
    void listsUncheckedResourcesWithoutCountingThemAsDrift_whenTypeIsUnsupported() {
        ExplainedStack stack = NO_IGNORES.explain(StackDrift.root("billing", List.of(
                withStatus("Renderer", "Custom::Renderer", ResourceStatus.NOT_CHECKED, null),
                withStatus("Topic", "AWS::SNS::Topic", ResourceStatus.IN_SYNC, null)), List.of()));

        assertThat(stack.status()).isEqualTo("IN_SYNC");
        assertThat(stack.partial()).isFalse();
        assertThat(stack.resources()).singleElement().satisfies(resource -> {
            assertThat(resource.status()).isEqualTo(ResourceStatus.NOT_CHECKED);
            assertThat(resource.why()).contains("does not support drift detection");
        });
        assertThat(DriftSummary.of(List.of(stack))).isEqualTo(new DriftSummary(0, 0, 0, 0, 1));
    }

    @Test
    void marksTheStackPartialWithTheReason_whenAResourceCouldNotBeChecked() {
        ExplainedStack stack = NO_IGNORES.explain(StackDrift.root("app", List.of(
                withStatus("Function", "AWS::Lambda::Function", ResourceStatus.UNKNOWN, "Rate exceeded")), List.of()));

        assertThat(stack.partial()).isTrue();
        assertThat(stack.partialReasons()).containsExactly("Function: Rate exceeded");
        assertThat(stack.status()).as("nothing drifted that was seen").isEqualTo("IN_SYNC");
        assertThat(stack.resources().getFirst().status()).isEqualTo(ResourceStatus.NOT_CHECKED);
        assertThat(stack.resources().getFirst().why()).isEqualTo("drift detection failed: Rate exceeded");
    }

    @Test
    void writesTheIssuesJsonShape_whenRendered() {
        ExplainedStack stack = NO_IGNORES.explain(StackDrift.root("billing", List.of(modified("InvoiceFunction",
                "AWS::Lambda::Function", difference("Timeout", "30", "90", DifferenceType.NOT_EQUAL))), List.of()));

        JsonNode json = DriftReportJson.report(List.of(stack));

        JsonNode first = json.at("/stacks/0");
        assertThat(first.path("stack").asText()).isEqualTo("billing");
        assertThat(first.path("status").asText()).isEqualTo("DRIFTED");
        assertThat(first.path("partial").asBoolean()).isFalse();
        JsonNode resource = first.at("/resources/0");
        assertThat(resource.path("logicalId").asText()).isEqualTo("InvoiceFunction");
        assertThat(resource.path("type").asText()).isEqualTo("AWS::Lambda::Function");
        assertThat(resource.path("status").asText()).isEqualTo("MODIFIED");
        assertThat(resource.path("severity").asText()).isEqualTo("WARNING");
        JsonNode timeout = resource.at("/differences/0");
        assertThat(timeout.path("path").asText()).isEqualTo("Timeout");
        assertThat(timeout.path("expected").isInt()).isTrue();
        assertThat(timeout.path("actual").intValue()).isEqualTo(90);
        assertThat(timeout.path("type").asText()).isEqualTo("NOT_EQUAL");
        assertThat(Json.write(json.get("summary"))).isEqualTo("{\"critical\":0,\"warning\":1,\"info\":0,\"ignored\":0,\"unchecked\":0}");
    }
}
