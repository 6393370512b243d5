package dev.caretaker.local.support;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.json.Json;
import dev.caretaker.local.standin.Notification;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The notification topic in a real SNS (LocalStack's), read back the way a subscriber would: an SQS
 * queue of this run's own, subscribed to the topic, polled by one thread. SNS delivers at least once,
 * so a notification is kept once per message id. Closing unsubscribes and deletes the queue; the topic
 * stays, as the template's resources do.
 */
final class SnsNotificationQueue implements AutoCloseable {

    /** Short, so close() returns within about a second. */
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final SnsClient sns;
    private final SqsClient sqs;
    private final String topicArn;
    private final String queueName;
    private final String queueUrl;
    private final Clock clock;
    private final Consumer<Notification> onNotification;
    private final Consumer<String> problems;
    private final List<Notification> notifications = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Thread reader;
    private String subscriptionArn;
    private volatile boolean closed;

    private SnsNotificationQueue(SnsClient sns, SqsClient sqs, String topicArn, String queueName, String queueUrl, Clock clock,
                                 Consumer<Notification> onNotification, Consumer<String> problems) {
        this.sns = sns;
        this.sqs = sqs;
        this.topicArn = topicArn;
        this.queueName = queueName;
        this.queueUrl = queueUrl;
        this.clock = clock;
        this.onNotification = onNotification;
        this.problems = problems;
        this.reader = new Thread(this::read, "caretaker-notifications");
        this.reader.setDaemon(true);
    }

    /**
     * Creates the topic (or finds it: CreateTopic is idempotent), a queue for this run that only the
     * topic may send to, and the subscription; then reads the queue until closed.
     *
     * @param clients        a factory of this queue's own: it closes the SNS and SQS clients it builds
     * @param onNotification told of each notification as it arrives, once
     * @param problems       told when reading fails; reading goes on
     * @throws LocalStackRefusedException when SNS or SQS refuse or do not answer; nothing is left behind
     */
    static SnsNotificationQueue subscribe(AwsClientFactory clients, String topicName, Clock clock,
                                          Consumer<Notification> onNotification, Consumer<String> problems) {
        SnsClient sns = clients.build(SnsClient.builder(), "SNS");
        SqsClient sqs = clients.build(SqsClient.builder(), "SQS");
        String where = clients.endpointFor("SNS").map(Object::toString).orElse("AWS");
        String queueName = topicName + "-" + UUID.randomUUID().toString().substring(0, 8);
        String queueUrl = null;
        try {
            String topicArn = sns.createTopic(request -> request.name(topicName)).topicArn();
            String createdQueue = sqs.createQueue(request -> request.queueName(queueName)).queueUrl();
            queueUrl = createdQueue;
            String queueArn = sqs.getQueueAttributes(request -> request.queueUrl(createdQueue)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            sqs.setQueueAttributes(request -> request.queueUrl(createdQueue)
                    .attributes(Map.of(QueueAttributeName.POLICY, onlyFrom(topicArn, queueArn))));
            SnsNotificationQueue queue = new SnsNotificationQueue(sns, sqs, topicArn, queueName, createdQueue, clock,
                    onNotification, problems);
            queue.subscriptionArn = sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .returnSubscriptionArn(true)).subscriptionArn();
            queue.reader.start();
            return queue;
        } catch (SdkException e) {
            if (queueUrl != null) {
                deleteQuietly(sqs, queueUrl);
            }
            sns.close();
            sqs.close();
            throw new LocalStackRefusedException("SNS and SQS at " + where + " cannot set up the notification topic " + topicName
                    + " and a queue subscribed to it: " + e.getMessage(), e);
        }
    }

    /** What a real account needs and LocalStack accepts: the queue takes messages from this topic only. */
    private static String onlyFrom(String topicArn, String queueArn) {
        return Json.write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("Service", "sns.amazonaws.com"),
                "Action", "sqs:SendMessage",
                "Resource", queueArn,
                "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", topicArn))))));
    }

    String topicArn() {
        return topicArn;
    }

    String queueName() {
        return queueName;
    }

    synchronized List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    private void read() {
        while (!closed) {
            try {
                List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds((int) WAIT.toSeconds())).messages();
                for (Message message : messages) {
                    keep(SnsEnvelope.parse(message.body(), message.messageId(), clock.instant()));
                    sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // LocalStack hiccupped: say so and keep reading, as any subscriber would.
                problems.accept("reading notifications from queue " + queueName + " failed: " + e.getMessage());
                pause();
            }
        }
    }

    private void keep(Notification notification) {
        boolean fresh;
        synchronized (this) {
            fresh = seen.add(notification.messageId());
            if (fresh) {
                notifications.add(notification);
            }
        }
        if (fresh) {
            onNotification.accept(notification);
        }
    }

    private void pause() {
        try {
            Thread.sleep(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops reading, then removes the subscription and the queue; a LocalStack already gone is no reason to fail. */
    @Override
    public void close() {
        closed = true;
        try {
            reader.join(WAIT.multipliedBy(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sns.unsubscribe(request -> request.subscriptionArn(subscriptionArn));
        } catch (SdkException gone) {
            // Nothing to undo where nothing answers.
        }
        deleteQuietly(sqs, queueUrl);
        sns.close();
        sqs.close();
    }

    private static void deleteQuietly(SqsClient sqs, String queueUrl) {
        try {
            sqs.deleteQueue(request -> request.queueUrl(queueUrl));
        } catch (SdkException gone) {
            // As above: a queue on a LocalStack that stopped went with it.
        }
    }
}
