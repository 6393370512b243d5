package dev.caretaker.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.caretaker.testing.RepoRoot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsEventJsonTest {

    @Test
    void readsEveryFieldTheRuntimeUses_whenGivenLambdasSqsEvent() throws Exception {
        SQSEvent event = SqsEventJson.read(new ByteArrayInputStream(
                RepoRoot.read("events/sqs-drift-batch.json").getBytes(StandardCharsets.UTF_8)));

        assertThat(event.getRecords()).hasSize(2);
        SQSEvent.SQSMessage first = event.getRecords().getFirst();
        assertThat(first.getMessageId()).isEqualTo("4f1f3b1e-93a5-4a65-9d0e-9d3c1f0f6a01");
        assertThat(WorkItem.parse(first.getBody()).jobId()).isEqualTo("drift-0b7c1f33c2b94a5e8d0e6a11");
        assertThat(first.getAttributes()).containsEntry("ApproximateReceiveCount", "1");
        assertThat(first.getEventSourceArn()).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:caretaker-dev-drift");
        assertThat(event.getRecords().get(1).getBody()).isEqualTo("{this is not json");
    }

    @Test
    void readsAnEmptyBatch_whenTheEventHasNoRecords() throws Exception {
        assertThat(SqsEventJson.read(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))).getRecords()).isEmpty();
    }

    @Test
    void writesLambdasPartialBatchResponse_whenSomeMessagesMustComeBack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SqsEventJson.write(SQSBatchResponse.builder().withBatchItemFailures(List.of(
                SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier("m2").build())).build(), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}");
    }
}
