package dev.caretaker.local.resources;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resource types the local runtime deliberately does not create, each with the reason. A type
 * that is neither created nor listed here stops {@link TemplateResources}: a new kind of resource in
 * the template must be a decision, not a silent gap.
 */
public final class NotCreatedLocally {

    /** The types {@link TemplateResources} creates on the local engines. */
    public static final Set<String> CREATED_TYPES = Set.of(
            "AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::S3::Bucket", "AWS::Events::EventBus");

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("AWS::KMS::Key", "no local KMS: the engines keep data unencrypted, in memory, for the life of the process"),
            Map.entry("AWS::KMS::Alias", "no local KMS: the key it names is not created either"),
            Map.entry("AWS::IAM::Role", "nothing checks permissions locally: every handler runs with the local account's keys"),
            Map.entry("AWS::IAM::ManagedPolicy", "nothing checks permissions locally: every handler runs with the local account's keys"),
            Map.entry("AWS::Logs::LogGroup", "handlers log to the local runtime's console"),
            Map.entry("AWS::CloudWatch::Alarm", "no metrics locally; the runtime reports what is in the dead-letter queues directly"),
            Map.entry("AWS::Scheduler::Schedule", "fired in process by LocalScheduler"),
            Map.entry("AWS::Scheduler::ScheduleGroup", "schedules are fired in process by LocalScheduler; a group only names them"),
            Map.entry("AWS::Events::Rule", "routed in process by LocalEventBus"),
            Map.entry("AWS::Serverless::Function", "handlers run in process; their SQS event sources are polled by SqsEventSourcePoller"),
            Map.entry("AWS::Serverless::HttpApi", "served in process by the local runtime's HTTP API from the functions' HttpApi events"),
            Map.entry("AWS::StepFunctions::StateMachine", "run in process by the local ASL interpreter (dev.caretaker.local.stepfunctions),"
                    + " registered as a stand-in"),
            Map.entry("AWS::SNS::Topic", "no local SNS: the runtime registers a stand-in and records notifications instead of sending them"),
            Map.entry("AWS::SNS::Subscription", "no local SNS: nothing is delivered to e-mail addresses from a developer's machine"),
            Map.entry("AWS::SecretsManager::Secret", "no local Secrets Manager: the runtime registers a stand-in secret"),
            Map.entry("AWS::S3::BucketPolicy", "s3proxy does not enforce bucket policies"),
            Map.entry("AWS::SQS::QueuePolicy", "ElasticMQ does not enforce queue policies"));

    private NotCreatedLocally() {
    }

    /** Why {@code type} is not created locally; empty if it is created or nobody decided. */
    public static Optional<String> reason(String type) {
        return Optional.ofNullable(REASONS.get(type));
    }

    public static Map<String, String> reasons() {
        return REASONS;
    }
}
