package dev.caretaker.work;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQS event Lambda delivers and the partial batch response it expects, read and written with
 * the functions' one ObjectMapper. The SQS workers take their events as streams for this: the
 * runtime client's own mapping of {@code SQSEvent} loads some 790 classes of its shaded Jackson on
 * every cold start (docs/performance.md). Only the fields the worker runtime reads are kept.
 */
public final class SqsEventJson {

    private SqsEventJson() {
    }

    public static SQSEvent read(InputStream input) throws IOException {
        JsonNode root = Json.mapper().readTree(input);
        List<SQSMessage> messages = new ArrayList<>();
        for (JsonNode record : root == null ? List.<JsonNode>of() : root.path("Records")) {
            SQSMessage message = new SQSMessage();
            message.setMessageId(text(record, "messageId"));
            message.setReceiptHandle(text(record, "receiptHandle"));
            message.setBody(text(record, "body"));
            message.setMd5OfBody(text(record, "md5OfBody"));
            message.setEventSource(text(record, "eventSource"));
            message.setEventSourceArn(text(record, "eventSourceARN"));
            message.setAwsRegion(text(record, "awsRegion"));
            message.setAttributes(strings(record.path("attributes")));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    public static void write(SQSBatchResponse response, OutputStream output) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode failures = root.putArray("batchItemFailures");
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            failures.addObject().put("itemIdentifier", failure.getItemIdentifier());
        }
        Json.mapper().writeValue(output, root);
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }
}
