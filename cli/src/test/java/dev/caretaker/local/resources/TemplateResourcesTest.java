package dev.caretaker.local.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.local.LocalClients;
import dev.caretaker.local.LocalTemplates;
import dev.caretaker.template.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TemplateResourcesTest {

    private final Template template = LocalTemplates.repositoryTemplate();
    private final TemplateParameters parameters = LocalTemplates.parameters(template);
    private final TemplateResources resources = new TemplateResources(template, ResourceNaming.DEFAULT);

    @Test
    void plansEveryTemplateResourceOfASupportedType_andNothingElse() {
        ResourcePlan plan = resources.plan(parameters);

        List<String> supported = template.resources().values().stream()
                .filter(resource -> NotCreatedLocally.CREATED_TYPES.contains(resource.type()))
                .map(Template.Resource::logicalId).toList();
        assertThat(plan.createdLogicalIds()).containsExactlyInAnyOrderElementsOf(supported);
        assertThat(plan.createdLogicalIds()).contains("StateTable", "IdempotencyTable", "DriftQueue", "DriftDeadLetterQueue",
                "DeliveryDeadLetterQueue", "ArtifactsBucket", "EventBus");
    }

    @Test
    void saysWhyEachOtherTemplateResourceTypeIsNotCreated_whenPlanning() {
        ResourcePlan plan = resources.plan(parameters);

        Map<String, String> reasonByType = new TreeMap<>();
        plan.notCreated().forEach((logicalId, reason) -> reasonByType.put(template.resources().get(logicalId).type(), reason));
        // The deliberate gaps of the local runtime, each with the reason a developer reads.
        assertThat(reasonByType.keySet()).containsExactly(
                "AWS::CloudWatch::Alarm", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::KMS::Alias", "AWS::KMS::Key",
                "AWS::Logs::LogGroup", "AWS::S3::BucketPolicy", "AWS::SNS::Subscription", "AWS::SNS::Topic",
                "AWS::SQS::QueuePolicy", "AWS::Scheduler::Schedule", "AWS::Scheduler::ScheduleGroup",
                "AWS::SecretsManager::Secret", "AWS::Serverless::Function", "AWS::Serverless::HttpApi",
                "AWS::StepFunctions::StateMachine");
        assertThat(reasonByType).allSatisfy((type, reason) -> assertThat(reason).as(type).isNotBlank());
        assertThat(plan.notCreated().size() + plan.createdLogicalIds().size()).isEqualTo(template.resources().size());
    }

    @Test
    void carriesKeysIndexesAndTtl_whenPlanningTheStateTable() {
        TableDefinition state = resources.plan(parameters).tables().stream()
                .filter(table -> table.logicalId().equals("StateTable")).findFirst().orElseThrow();

        assertThat(state.tableName()).isEqualTo("caretaker-local-StateTable");
        assertThat(state.keySchema()).containsExactly(new TableDefinition.KeyElement("pk", "HASH"),
                new TableDefinition.KeyElement("sk", "RANGE"));
        assertThat(state.globalSecondaryIndexes()).extracting(TableDefinition.Index::name)
                .containsExactly("byTypeStatus", "byType", "byStatus", "byCreated");
        assertThat(state.timeToLiveAttribute()).contains("expiresAt");
        assertThat(state.payPerRequest()).isTrue();
    }

    @Test
    void putsDeadLetterQueuesFirst_whenPlanningQueuesWithRedrive() {
        List<QueueDefinition> queues = resources.plan(parameters).queues();
        List<String> order = queues.stream().map(QueueDefinition::logicalId).toList();

        QueueDefinition drift = queues.stream().filter(queue -> queue.logicalId().equals("DriftQueue")).findFirst().orElseThrow();
        assertThat(drift.queueName()).isEqualTo("caretaker-local-DriftQueue");
        assertThat(drift.attributes()).containsOnly(Map.entry("VisibilityTimeout", "1810"), Map.entry("MessageRetentionPeriod", "345600"));
        assertThat(drift.redrive()).contains(new QueueDefinition.Redrive("DriftDeadLetterQueue", 5));
        assertThat(order.indexOf("DriftDeadLetterQueue")).isLessThan(order.indexOf("DriftQueue"));
        assertThat(order.indexOf("CostDeadLetterQueue")).isLessThan(order.indexOf("CostQueue"));
        assertThat(order.indexOf("BackupDeadLetterQueue")).isLessThan(order.indexOf("BackupQueue"));
    }

    @Test
    void versionsTheBucketAndLowerCasesItsName_whenPlanningTheArtifactsBucket() {
        assertThat(resources.plan(parameters).buckets())
                .containsExactly(new BucketDefinition("ArtifactsBucket", "caretaker-local-artifactsbucket", true));
    }

    @Test
    void failsNamingTheResource_whenATypeIsNeitherCreatedNorKnowinglyLeftOut() {
        Template odd = LocalTemplates.inline("""
                Resources:
                  Stream:
                    Type: AWS::Kinesis::Stream
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      BillingMode: PAY_PER_REQUEST
                """);

        assertThatThrownBy(() -> new TemplateResources(odd, ResourceNaming.DEFAULT).plan(emptyParameters(odd)))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessageContaining("neither creates nor knowingly leaves out")
                .hasMessageContaining("Stream (AWS::Kinesis::Stream)");
    }

    @Test
    void failsNamingTheProperty_whenAResourceUsesOneThatIsNotSupported() {
        Template fifo = LocalTemplates.inline("""
                Resources:
                  Orders:
                    Type: AWS::SQS::Queue
                    Properties:
                      FifoQueue: true
                      VisibilityTimeout: 30
                """);

        assertThatThrownBy(() -> new TemplateResources(fifo, ResourceNaming.DEFAULT).plan(emptyParameters(fifo)))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessageStartingWith("Orders (AWS::SQS::Queue) has properties the local runtime does not support: [FifoQueue]");
    }

    @Test
    void failsNamingTheResource_whenItHasACondition() {
        Template conditional = LocalTemplates.inline("""
                Conditions:
                  Never: !Equals [a, b]
                Resources:
                  Box:
                    Type: AWS::S3::Bucket
                    Condition: Never
                """);

        assertThatThrownBy(() -> new TemplateResources(conditional, ResourceNaming.DEFAULT).plan(emptyParameters(conditional)))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessageContaining("Box (AWS::S3::Bucket) has a Condition");
    }

    @Test
    void failsNamingTheQueue_whenARedrivePolicyPointsOutsideTheTemplate() {
        Template outside = LocalTemplates.inline("""
                Resources:
                  Work:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy:
                        deadLetterTargetArn: arn:aws:sqs:eu-west-1:123456789012:elsewhere
                        maxReceiveCount: 3
                """);

        assertThatThrownBy(() -> new TemplateResources(outside, ResourceNaming.DEFAULT).plan(emptyParameters(outside)))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessageContaining("Work.RedrivePolicy.deadLetterTargetArn must be !Ref or !GetAtt of a resource in the template");
    }

    @Test
    void listsEveryParameterProblem_whenParametersAreMissingOrNotAllowed() {
        assertThatThrownBy(() -> TemplateParameters.resolve(template, Map.of("Environment", "qa", "Colour", "blue"),
                LocalClients.ACCOUNT, "caretaker-local"))
                .isInstanceOf(LocalTemplateException.class)
                .satisfies(e -> assertThat(((LocalTemplateException) e).problems()).containsExactlyInAnyOrder(
                        "Colour is not a parameter of the template (it has " + template.parameters().keySet() + ")",
                        "CustomerId has no default: give it a value",
                        "Environment is 'qa', allowed: [dev, staging, prod]",
                        "ManagedStackPrefix has no default: give it a value"));
    }

    @Test
    void givesPseudoParametersOfTheLocalAccount_whenAsked() {
        assertThat(parameters.valueOf("AWS::AccountId")).contains("000000000000");
        assertThat(parameters.valueOf("AWS::Region")).contains("eu-west-1");
        assertThat(parameters.valueOf("AWS::Partition")).contains("aws");
        assertThat(parameters.valueOf("Environment")).contains("dev");
        assertThat(parameters.valueOf("Nope")).isEmpty();
    }

    @Test
    void namesEveryVariableWithoutALocalCounterpart_whenResolvingTheOrchestratorsEnvironment() {
        LocalResources local = new LocalResources(template, parameters, fakeEngineResources());

        assertThatThrownBy(() -> local.environmentOf("OrchestratorFunction"))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessageContaining("register a stand-in for each with LocalResources.withStandIn")
                .satisfies(e -> assertThat(((LocalTemplateException) e).problems()).containsExactly(
                        "DEPLOYMENT_STATE_MACHINE_ARN refers to DeploymentStateMachine (AWS::StepFunctions::StateMachine)",
                        "WEBHOOK_SECRET_ID refers to WebhookSecret (AWS::SecretsManager::Secret)",
                        "NOTIFICATION_TOPIC_ARN refers to NotificationTopic (AWS::SNS::Topic)"));
    }

    @Test
    void resolvesGlobalsAndFunctionVariables_whenStandInsAreRegistered() {
        LocalResources local = new LocalResources(template, parameters, fakeEngineResources())
                .withStandIn(LocalResource.standIn("DeploymentStateMachine", "AWS::StepFunctions::StateMachine",
                        "arn:aws:states:eu-west-1:000000000000:stateMachine:local", Map.of()))
                .withStandIn(LocalResource.standIn("WebhookSecret", "AWS::SecretsManager::Secret", "local-webhook-secret", Map.of()))
                .withStandIn(LocalResource.standIn("NotificationTopic", "AWS::SNS::Topic",
                        "arn:aws:sns:eu-west-1:000000000000:local", Map.of()));

        Map<String, String> environment = local.environmentOf("OrchestratorFunction");

        assertThat(environment)
                .containsEntry("CARETAKER_CUSTOMER_ID", "acme")
                .containsEntry("CARETAKER_ENVIRONMENT", "dev")
                .containsEntry("STATE_TABLE", "caretaker-local-StateTable")
                .containsEntry("IDEMPOTENCY_TABLE", "caretaker-local-IdempotencyTable")
                .containsEntry("EVENT_BUS_NAME", "caretaker-local-EventBus")
                .containsEntry("POWERTOOLS_SERVICE_NAME", "orchestrator")
                .containsEntry("POWERTOOLS_LOG_LEVEL", "DEBUG")
                .containsEntry("DRIFT_QUEUE_URL", "http://127.0.0.1:9324/000000000000/caretaker-local-DriftQueue")
                .containsEntry("DEPLOYMENT_STATE_MACHINE_ARN", "arn:aws:states:eu-west-1:000000000000:stateMachine:local")
                .containsEntry("DRIFT_STACKS", "");
        assertThat(local.environmentOf("BackupWorkerFunction"))
                .containsEntry("ARTIFACTS_BUCKET", "caretaker-local-artifactsbucket")
                .containsEntry("MAX_RECEIVE_COUNT", "5")
                .containsEntry("POWERTOOLS_SERVICE_NAME", "backup-worker");
    }

    @Test
    void refusesAStandIn_whoseTypeDiffersFromTheTemplates() {
        LocalResources local = new LocalResources(template, parameters, fakeEngineResources());

        assertThatThrownBy(() -> local.withStandIn(LocalResource.standIn("WebhookSecret", "AWS::SSM::Parameter", "x", Map.of())))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessage("stand-in WebhookSecret is a AWS::SSM::Parameter, the template's is a AWS::SecretsManager::Secret");
    }

    @Test
    void resolvesSubGetAttJoinAndLiterals_whenTheyReferToLocalResources() {
        Template small = LocalTemplates.inline("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                Resources:
                  Box:
                    Type: AWS::S3::Bucket
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          OBJECTS: !Sub ${Box.Arn}/*
                          WHERE: !Sub "${AWS::Region}:${AWS::AccountId}:${Stage}"
                          LITERAL: !Sub "${!NotAVariable}"
                          NAMED: !Sub ["${Named}", {Named: !Ref Box}]
                          JOINED: !Join [",", [a, !Ref Stage, ""]]
                          NUMBER: 5
                """);
        LocalResources local = new LocalResources(small, emptyParameters(small),
                Map.of("Box", LocalResource.bucket("Box", "caretaker-local-box")));

        assertThat(local.environmentOf("Fn")).containsExactly(
                Map.entry("OBJECTS", "arn:aws:s3:::caretaker-local-box/*"),
                Map.entry("WHERE", "eu-west-1:000000000000:dev"),
                Map.entry("LITERAL", "${NotAVariable}"),
                Map.entry("NAMED", "caretaker-local-box"),
                Map.entry("JOINED", "a,dev,"),
                Map.entry("NUMBER", "5"));
    }

    @Test
    void namesTheUnknownName_whenSubRefersToNothingInTheTemplate() {
        Template small = LocalTemplates.inline("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          GREETING: !Sub "hello ${Nobody}"
                """);
        LocalResources local = new LocalResources(small, emptyParameters(small), Map.of());

        assertThatThrownBy(() -> local.environmentOf("Fn"))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessageContaining("GREETING: Nobody is neither a parameter nor a resource of the template");
    }

    @Test
    void namesTheIntrinsic_whenAVariableUsesOneThatIsNotSupported() {
        Template conditional = LocalTemplates.inline("""
                Conditions:
                  IsProd: !Equals [a, b]
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          LEVEL: !If [IsProd, INFO, DEBUG]
                """);
        LocalResources local = new LocalResources(conditional, emptyParameters(conditional), Map.of());

        assertThatThrownBy(() -> local.environmentOf("Fn"))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessageContaining("LEVEL: Fn::If is not supported locally");
    }

    private static TemplateParameters emptyParameters(Template template) {
        return TemplateParameters.resolve(template, Map.of(), LocalClients.ACCOUNT, "caretaker-local");
    }

    /** What the engines would report, without starting them: the names TemplateResources derives. */
    private Map<String, LocalResource> fakeEngineResources() {
        Map<String, LocalResource> created = new LinkedHashMap<>();
        ResourcePlan plan = resources.plan(parameters);
        plan.tables().forEach(table -> created.put(table.logicalId(), LocalResource.table(table.logicalId(), table.tableName(),
                "arn:aws:dynamodb:ddblocal:000000000000:table/" + table.tableName())));
        plan.queues().forEach(queue -> created.put(queue.logicalId(), LocalResource.queue(queue.logicalId(), queue.queueName(),
                "http://127.0.0.1:9324/000000000000/" + queue.queueName(), "arn:aws:sqs:eu-west-1:000000000000:" + queue.queueName())));
        plan.buckets().forEach(bucket -> created.put(bucket.logicalId(), LocalResource.bucket(bucket.logicalId(), bucket.bucketName())));
        plan.eventBuses().forEach(bus -> created.put(bus.logicalId(), LocalResource.eventBus(bus.logicalId(), bus.name(),
                "arn:aws:events:eu-west-1:000000000000:event-bus/" + bus.name())));
        return created;
    }
}
