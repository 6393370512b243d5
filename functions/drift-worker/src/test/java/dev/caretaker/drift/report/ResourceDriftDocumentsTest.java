package dev.caretaker.drift.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading what `aws cloudformation describe-stack-resource-drifts` prints, from the samples in examples/drift. */
class ResourceDriftDocumentsTest {

    private static String example(String name) throws IOException {
        return Files.readString(RepoRoot.find().resolve("examples/drift").resolve(name));
    }

    @Test
    void readsEveryResourceOfOneStack_whenGivenOneDocument() throws IOException {
        List<StackDrift> stacks = ResourceDriftDocuments.parse(example("billing-drifted.json"), "billing-drifted.json");

        assertThat(stacks).singleElement().satisfies(stack -> {
            assertThat(stack.stack()).isEqualTo("acme-billing");
            assertThat(stack.resources()).extracting(ResourceDrift::logicalId).containsExactly(
                    "InvoiceBucket", "InvoiceFunction", "InvoiceQueue", "LedgerTable", "InvoiceRenderer", "InvoiceTopic");
            ResourceDrift function = stack.resources().get(1);
            assertThat(function.differences()).extracting(PropertyDifference::path).containsExactly("MemorySize", "Timeout", "Tags.1");
            assertThat(function.differences().get(2).actual().path("Key").asText()).isEqualTo("cost-review");
            assertThat(function.differences().get(2).type()).isEqualTo(DifferenceType.ADD);
        });
    }

    @Test
    void readsOneStackPerDocument_whenGivenAnArray() throws IOException {
        List<StackDrift> stacks = ResourceDriftDocuments.parse(example("several-stacks.json"), "several-stacks.json");

        assertThat(stacks).extracting(StackDrift::stack).containsExactly("acme-network", "acme-app");
    }

    @Test
    void explainsTheBillingSample_withEverySeverityAndAnUncheckedResource() throws IOException {
        List<ExplainedStack> explained = new DriftExplainer(List.of())
                .explain(ResourceDriftDocuments.parse(example("billing-drifted.json"), "billing-drifted.json"));

        assertThat(DriftSummary.of(explained)).isEqualTo(new DriftSummary(2, 1, 1, 0, 1));
        assertThat(explained.getFirst().resources()).extracting(ExplainedResource::logicalId).containsExactly(
                "InvoiceBucket", "LedgerTable", "InvoiceFunction", "InvoiceQueue", "InvoiceRenderer");
    }

    @Test
    void namesLineAndColumn_whenInputIsNotJson() {
        assertThatThrownBy(() -> ResourceDriftDocuments.parse("{\n  \"StackResourceDrifts\": [ oops ]\n}", "drifts.json"))
                .isInstanceOf(DriftInputException.class)
                .hasMessageStartingWith("drifts.json:2:")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void namesTheJsonPath_whenAFieldIsWrong() {
        String json = """
                [{"StackResourceDrifts": []},
                 {"StackResourceDrifts": [{"StackId": "arn:aws:cloudformation:eu-west-1:123456789012:stack/app/1",
                   "LogicalResourceId": "Fn", "ResourceType": "AWS::Lambda::Function", "StackResourceDriftStatus": "MODIFIED",
                   "PropertyDifferences": [{"PropertyPath": "/Timeout", "DifferenceType": "CHANGED"}]}]}]
                """;

        assertThatThrownBy(() -> ResourceDriftDocuments.parse(json, "drifts.json"))
                .isInstanceOf(DriftInputException.class)
                .hasMessage("drifts.json: [1].StackResourceDrifts[0].PropertyDifferences[0].DifferenceType:"
                        + " 'CHANGED' is not one of ADD, REMOVE, NOT_EQUAL");
    }

    @Test
    void saysWhatWasExpected_whenTheDocumentIsSomethingElse() {
        assertThatThrownBy(() -> ResourceDriftDocuments.parse("{\"Stacks\": []}", "-"))
                .hasMessage("-: (top level): missing StackResourceDrifts: expected the output of"
                        + " 'aws cloudformation describe-stack-resource-drifts'");
        assertThatThrownBy(() -> ResourceDriftDocuments.parse("{\"StackResourceDrifts\": [{\"LogicalResourceId\": \"Fn\"}]}", "-"))
                .hasMessage("-: StackResourceDrifts[0]: missing StackId");
        assertThatThrownBy(() -> ResourceDriftDocuments.parse("", "empty.json"))
                .hasMessageStartingWith("empty.json: empty input");
    }
}
