package dev.caretaker.testing;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Map;

/** Builds the SQSEvent Lambda hands a worker, as the event source mapping would. */
public final class SqsMessages {

    public static final String QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:caretaker-drift";

    private SqsMessages() {
    }

    public static SQSEvent.SQSMessage message(String id, String body, int receiveCount) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        message.setEventSource("aws:sqs");
        message.setEventSourceArn(QUEUE_ARN);
        message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        return message;
    }

    public static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }
}
