package dev.caretaker.notify;

/** Port: delivers a notification to a channel (SNS now; Slack, Teams and webhooks later). */
public interface Notifier {

    void send(Notification notification);
}
