package dev.caretaker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.caretaker.job.DynamoDbJobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Checks template.yaml, the deployable system, for what a reviewer would otherwise have to catch
 * by eye: schema validity, handlers that exist, queues that cannot lose messages, least privilege,
 * encryption with the Caretaker key everywhere, and the contracts the code relies on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateTest {

    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final String QUEUE = "AWS::SQS::Queue";

    /**
     * Actions that may be granted on {@code "*"}, each because the service offers nothing narrower.
     * Anything else on {@code "*"} fails the build.
     */
    private static final Map<String, String> WILDCARD_RESOURCE_ACTIONS = Map.ofEntries(
            Map.entry("xray:PutTraceSegments", "X-Ray has no resource-level permissions"),
            Map.entry("xray:PutTelemetryRecords", "X-Ray has no resource-level permissions"),
            Map.entry("xray:GetSamplingRules", "X-Ray has no resource-level permissions"),
            Map.entry("xray:GetSamplingTargets", "X-Ray has no resource-level permissions"),
            Map.entry("logs:CreateLogDelivery", "vended-log delivery (Step Functions logging) is account-level"),
            Map.entry("logs:GetLogDelivery", "vended-log delivery (Step Functions logging) is account-level"),
            Map.entry("logs:UpdateLogDelivery", "vended-log delivery (Step Functions logging) is account-level"),
            Map.entry("logs:DeleteLogDelivery", "vended-log delivery (Step Functions logging) is account-level"),
            Map.entry("logs:ListLogDeliveries", "vended-log delivery (Step Functions logging) is account-level"),
            Map.entry("logs:PutResourcePolicy", "log delivery edits the account's CloudWatch Logs resource policy"),
            Map.entry("logs:DescribeResourcePolicies", "log delivery reads the account's CloudWatch Logs resource policy"),
            Map.entry("logs:DescribeLogGroups", "log delivery lists log groups account-wide"),
            Map.entry("ce:GetCostAndUsage", "Cost Explorer queries have no resource types"),
            Map.entry("ce:GetCostForecast", "Cost Explorer queries have no resource types"),
            Map.entry("cloudformation:DescribeStackDriftDetectionStatus",
                    "takes only a drift detection id; no resource-level permission exists"),
            Map.entry("cloudformation:GetTemplateSummary",
                    "a summary of a template body names no stack and is authorised only on *"),
            Map.entry("cloudformation:DescribeStacks",
                    "listing stacks (drift.tagSelector) without a stack name is authorised only on *"));

    private static final List<String> COMMON_VARIABLES = List.of(
            "CARETAKER_CUSTOMER_ID", "CARETAKER_ENVIRONMENT", "STATE_TABLE", "IDEMPOTENCY_TABLE", "EVENT_BUS_NAME",
            "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_LOG_LEVEL", "CONFIG_PARAMETER");

    private Path root;
    private Template template;
    private Map<String, Object> globals;
    private String keyId;

    @BeforeAll
    void loadTemplate() throws IOException {
        root = repositoryRoot();
        template = Template.load(root.resolve("template.yaml"));
        globals = map(template.section("Globals").get("Function"));
        Set<String> keys = template.resourcesOfType("AWS::KMS::Key").keySet();
        assertThat(keys).as("template.yaml declares exactly one KMS key, the Caretaker key").hasSize(1);
        keyId = keys.iterator().next();
    }

    @Nested
    class SchemaAndBuild {

        @Test
        void validatesAgainstSamSchema_whenSchemaIsPresent() throws IOException {
            Path schemaFile = root.resolve("../shared/schemas/sam.schema.json").normalize();
            Assumptions.assumeTrue(Files.isRegularFile(schemaFile),
                    "SAM schema not found at " + schemaFile + ": schema validation of template.yaml skipped");
            ObjectMapper mapper = new ObjectMapper();
            JsonSchema schema;
            try (InputStream in = Files.newInputStream(schemaFile)) {
                // SAM's schema carries documentation keywords that validate nothing.
                JsonMetaSchema draft4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                        .keyword(new NonValidationKeyword("__samPassThrough"))
                        .keyword(new NonValidationKeyword("markdownDescription"))
                        .build();
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, factory -> factory.metaSchema(draft4))
                        .getSchema(mapper.readTree(in));
            }

            Set<ValidationMessage> errors = schema.validate(mapper.valueToTree(template.document()));

            assertThat(errors).as("template.yaml against %s:%n%s", schemaFile,
                    errors.stream().map(ValidationMessage::toString).collect(Collectors.joining("\n"))).isEmpty();
        }

        @Test
        void findsHandlerClassAndMethod_forEveryFunction() {
            List<String> problems = new ArrayList<>();
            functions().forEach((id, function) -> {
                String handler = (String) effective(function, "Handler");
                if (handler == null || !handler.contains("::")) {
                    problems.add(id + ": Handler '" + handler + "' is not Class::method");
                    return;
                }
                String className = handler.substring(0, handler.indexOf("::"));
                String method = handler.substring(handler.indexOf("::") + 2);
                try {
                    Class<?> type = Class.forName(className, false, getClass().getClassLoader());
                    if (Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(method))) {
                        problems.add(id + ": " + className + " has no public method " + method);
                    }
                } catch (ClassNotFoundException e) {
                    problems.add(id + ": handler class " + className + " is not on the classpath");
                }
            });

            assertThat(problems).as("handlers in template.yaml").isEmpty();
        }

        @Test
        void findsHandlerSourceInTheModuleItsMakefileTargetBuilds_forEveryFunction() throws IOException {
            String makefile = Files.readString(root.resolve("Makefile"));
            functions().forEach((id, function) -> {
                java.util.regex.Matcher target = java.util.regex.Pattern
                        .compile("build-" + id + ":\\s*\\n\\s*\\$\\(call build_function,([a-z-]+)\\)").matcher(makefile);
                assertThat(target.find()).as("Makefile target build-%s naming its module", id).isTrue();
                String handler = (String) effective(function, "Handler");
                String className = handler.substring(0, handler.indexOf("::"));
                Path source = root.resolve("functions").resolve(target.group(1))
                        .resolve("src/main/java").resolve(className.replace('.', '/') + ".java");
                assertThat(source).as("%s handler source in functions/%s", id, target.group(1)).exists();
            });
        }

        @Test
        void buildsEveryFunctionWithMakefileTarget_whenSamBuildRuns() throws IOException {
            String makefile = Files.readString(root.resolve("Makefile"));
            functions().forEach((id, function) -> {
                assertThat(function.definition().get("Metadata"))
                        .as("%s Metadata", id).isEqualTo(Map.of("BuildMethod", "makefile"));
                assertThat(effective(function, "CodeUri")).as("%s CodeUri: the Makefile needs the whole reactor", id)
                        .isEqualTo(".");
                assertThat(makefile).as("Makefile target for %s", id).containsPattern("(?m)^build-" + id + ":");
            });
        }

        @Test
        void substitutesEveryPlaceholder_inStateMachineDefinitions() throws IOException {
            Map<String, Template.Resource> machines = template.resourcesOfType("AWS::StepFunctions::StateMachine");
            assertThat(machines).as("state machines in template.yaml").isNotEmpty();
            machines.forEach((id, machine) -> {
                Object location = machine.properties().get("DefinitionS3Location");
                assertThat(location).as("%s DefinitionS3Location (a local file sam deploy uploads)", id)
                        .isInstanceOf(String.class);
                String definition = read(root.resolve((String) location));
                Set<String> placeholders = new TreeSet<>();
                Matcher matcher = Pattern.compile("\\$\\{([^}]+)}").matcher(definition);
                while (matcher.find()) {
                    placeholders.add(matcher.group(1));
                }
                assertThat(map(machine.properties().get("DefinitionSubstitutions")).keySet())
                        .as("%s DefinitionSubstitutions for the placeholders in %s", id, location)
                        .containsExactlyInAnyOrderElementsOf(placeholders);
            });
        }
    }

    @Nested
    class Queues {

        @Test
        void hasRedrivePolicyToDeadLetterQueue_whenQueueIsNotADeadLetterQueue() {
            Set<String> deadLetterQueues = deadLetterQueues();
            Map<String, Template.Resource> workQueues = workQueues();
            assertThat(workQueues).as("work queues").isNotEmpty();
            workQueues.forEach((id, queue) -> {
                Map<String, Object> redrive = map(queue.properties().get("RedrivePolicy"));
                assertThat(redrive).as("%s RedrivePolicy", id).isNotEmpty();
                assertThat(referencedId(redrive.get("deadLetterTargetArn")))
                        .as("%s RedrivePolicy.deadLetterTargetArn", id)
                        .hasValueSatisfying(target -> assertThat(deadLetterQueues).contains(target));
                assertThat(redrive.get("maxReceiveCount")).as("%s maxReceiveCount", id).isEqualTo(5);
            });
        }

        @Test
        void keepsMessagesFourteenDays_whenQueueIsADeadLetterQueue() {
            deadLetterQueues().forEach(id -> {
                Template.Resource dlq = template.resources().get(id);
                assertThat(dlq.properties()).as("%s", id).doesNotContainKey("RedrivePolicy")
                        .containsEntry("MessageRetentionPeriod", 1_209_600);
            });
        }

        @Test
        void raisesAlarmOnFirstMessage_forEveryDeadLetterQueue() {
            Map<String, Template.Resource> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
            Set<String> deadLetterQueues = deadLetterQueues();
            assertThat(deadLetterQueues).as("dead-letter queues").isNotEmpty();
            deadLetterQueues.forEach(dlq -> {
                Optional<Template.Resource> alarm = alarms.values().stream().filter(a -> watches(a, dlq)).findFirst();
                assertThat(alarm).as("an ApproximateNumberOfMessagesVisible alarm on dead-letter queue %s", dlq)
                        .isPresent();
                Map<String, Object> properties = alarm.get().properties();
                assertThat(properties).as("alarm %s on %s", alarm.get().logicalId(), dlq)
                        .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                        .containsEntry("Threshold", 1);
                assertThat(list(properties.get("AlarmActions")).stream().map(TemplateTest::referencedId))
                        .as("alarm %s actions", alarm.get().logicalId())
                        .contains(Optional.of("NotificationTopic"));
            });
        }

        @Test
        void hidesMessageLongerThanConsumerRuns_whenQueueFeedsAFunction() {
            Map<String, Template.Resource> queues = template.resourcesOfType(QUEUE);
            List<SqsSource> sources = sqsSources();
            assertThat(sources).as("SQS event sources").isNotEmpty();
            for (SqsSource source : sources) {
                Template.Resource queue = queues.get(source.queueId());
                assertThat(queue).as("%s consumes %s, a queue of this template", source.functionId(), source.queueId())
                        .isNotNull();
                int timeout = ((Number) effective(functions().get(source.functionId()), "Timeout")).intValue();
                int window = ((Number) source.properties().getOrDefault("MaximumBatchingWindowInSeconds", 0)).intValue();
                // AWS guidance: at least six times the function timeout, plus the batching window.
                assertThat(((Number) queue.properties().get("VisibilityTimeout")).intValue())
                        .as("%s VisibilityTimeout for %s (timeout %d s, window %d s)",
                                source.queueId(), source.functionId(), timeout, window)
                        .isGreaterThanOrEqualTo(6 * timeout + window);
            }
        }

        @Test
        void reportsBatchItemFailures_forEveryWorkerQueue() {
            Map<String, Template.Resource> workQueues = workQueues();
            List<SqsSource> sources = sqsSources();
            workQueues.keySet().forEach(queueId -> assertThat(sources.stream().filter(s -> s.queueId().equals(queueId)))
                    .as("functions consuming work queue %s", queueId).hasSize(1));
            for (SqsSource source : sources) {
                assertThat(list(source.properties().get("FunctionResponseTypes")))
                        .as("%s event source on %s", source.functionId(), source.queueId())
                        .contains("ReportBatchItemFailures");
                assertThat(source.properties().get("BatchSize")).as("%s BatchSize", source.functionId())
                        .isInstanceOf(Integer.class)
                        .satisfies(size -> assertThat((Integer) size).isBetween(1, 10));
                if ((Integer) source.properties().get("BatchSize") > 1) {
                    assertThat(source.properties()).as("%s event source on %s batches", source.functionId(), source.queueId())
                            .containsKey("MaximumBatchingWindowInSeconds");
                }
                assertThat(map(source.properties().get("ScalingConfig")))
                        .as("%s ScalingConfig", source.functionId()).containsKey("MaximumConcurrency");
            }
        }

        @Test
        void matchesQueueMaxReceiveCount_whenWorkerReadsMaxReceiveCount() {
            for (SqsSource source : sqsSources()) {
                Object maxReceiveCount = map(template.resources().get(source.queueId()).properties().get("RedrivePolicy"))
                        .get("maxReceiveCount");
                Object variable = variables(functions().get(source.functionId())).get("MAX_RECEIVE_COUNT");
                assertThat(variable).as("%s MAX_RECEIVE_COUNT", source.functionId()).isNotNull();
                assertThat(String.valueOf(variable))
                        .as("%s MAX_RECEIVE_COUNT against %s maxReceiveCount", source.functionId(), source.queueId())
                        .isEqualTo(String.valueOf(maxReceiveCount));
            }
        }
    }

    @Nested
    class Permissions {

        @Test
        void grantsNoWildcardAction_inAnyAllowStatement() {
            List<String> problems = new ArrayList<>();
            for (PolicyStatement statement : statements()) {
                if (!statement.allows()) {
                    // A wildcard in a Deny widens the guard, not the grant.
                    continue;
                }
                if (statement.body().containsKey("NotAction")) {
                    problems.add(statement + ": NotAction grants everything else");
                }
                if (statement.isKeyPolicyRootStatement()) {
                    continue;
                }
                for (String action : strings(statement.body().get("Action"))) {
                    if (action.contains("*")) {
                        problems.add(statement + ": wildcard action " + action);
                    }
                }
            }

            assertThat(problems).as("IAM statements in template.yaml").isEmpty();
        }

        @Test
        void grantsWildcardResourceOnlyForAllowListedActions_inAnyAllowStatement() {
            List<String> problems = new ArrayList<>();
            for (PolicyStatement statement : statements()) {
                if (!statement.allows() || statement.isTrustPolicy()) {
                    continue;
                }
                if (statement.body().containsKey("NotResource")) {
                    problems.add(statement + ": NotResource grants everything else");
                }
                for (Object resource : listOrSingle(statement.body().get("Resource"))) {
                    if (!(resource instanceof String literal)) {
                        continue;
                    }
                    if (!literal.equals("*")) {
                        problems.add(statement + ": literal resource " + literal
                                + " (name template resources through Ref, GetAtt or Sub)");
                    } else if (!statement.inKeyPolicy()) {
                        // In a key policy "*" means the key itself; anywhere else it means everything.
                        strings(statement.body().get("Action")).stream()
                                .filter(action -> !WILDCARD_RESOURCE_ACTIONS.containsKey(action))
                                .forEach(action -> problems.add(statement + ": " + action + " on \"*\""));
                    }
                }
            }

            assertThat(problems).as("IAM statements in template.yaml").isEmpty();
        }

        @Test
        void allowsNoAnonymousPrincipal_inAnyAllowStatement() {
            for (PolicyStatement statement : statements()) {
                if (statement.allows()) {
                    Object principal = statement.body().get("Principal");
                    assertThat(principal).as("%s Principal", statement).isNotEqualTo("*");
                    assertThat(map(principal).get("AWS")).as("%s Principal.AWS", statement).isNotEqualTo("*");
                }
            }
        }

        @Test
        void givesEveryFunctionItsOwnRole_scopedToItsOwnLogGroup() {
            Set<String> roles = new LinkedHashSet<>();
            functions().forEach((id, function) -> {
                Optional<String> role = referencedId(function.properties().get("Role"));
                assertThat(role).as("%s Role (an AWS::IAM::Role of this template)", id).isPresent();
                assertThat(roles.add(role.get())).as("%s shares role %s", id, role.get()).isTrue();
                Object logGroup = map(function.properties().get("LoggingConfig")).get("LogGroup");
                String logGroupId = referencedId(logGroup).orElseThrow(() -> new AssertionError(id + " LoggingConfig.LogGroup"));
                assertThat(template.resources().get(role.get()).type()).as("%s Role type", id).isEqualTo("AWS::IAM::Role");
                List<Object> logResources = statements().stream()
                        .filter(s -> s.resourceId().equals(role.get()) && s.allows())
                        .filter(s -> strings(s.body().get("Action")).contains("logs:PutLogEvents"))
                        .flatMap(s -> listOrSingle(s.body().get("Resource")).stream())
                        .toList();
                assertThat(logResources).as("%s role logs:PutLogEvents resources", id)
                        .isNotEmpty()
                        .allSatisfy(r -> assertThat(referencedId(r)).as("%s writes logs to", id).hasValue(logGroupId));
            });
        }

        @Test
        void authorisesEveryRouteWithIam_exceptSignedWebhooks() {
            List<String> problems = new ArrayList<>();
            functions().forEach((id, function) -> map(function.properties().get("Events")).forEach((name, event) -> {
                if (!"HttpApi".equals(map(event).get("Type"))) {
                    return;
                }
                Map<String, Object> properties = map(map(event).get("Properties"));
                String route = properties.get("Method") + " " + properties.get("Path");
                Object authorizer = map(properties.get("Auth")).get("Authorizer");
                // Webhooks carry an HMAC signature checked in the function, with replay protection.
                Object expected = route.equals("POST /webhooks/{source}") ? "NONE" : "AWS_IAM";
                if (!expected.equals(authorizer)) {
                    problems.add(id + "." + name + " (" + route + "): Authorizer " + authorizer + ", expected " + expected);
                }
            }));

            assertThat(problems).as("HttpApi routes in template.yaml").isEmpty();
        }

        @Test
        void scopesDeploymentControl_toTheDeploymentStateMachineAndItsExecutions() {
            Map<String, List<Object>> resources = new LinkedHashMap<>();
            statements().stream()
                    .filter(s -> s.resourceId().equals("OrchestratorRole") && s.allows())
                    .forEach(s -> strings(s.body().get("Action")).stream().filter(action -> action.startsWith("states:"))
                            .forEach(action -> resources.computeIfAbsent(action, a -> new ArrayList<>())
                                    .addAll(listOrSingle(s.body().get("Resource")))));

            assertThat(resources.keySet()).containsExactlyInAnyOrder("states:StartExecution", "states:SendTaskSuccess",
                    "states:SendTaskFailure", "states:StopExecution");
            for (String action : List.of("states:StartExecution", "states:SendTaskSuccess", "states:SendTaskFailure")) {
                assertThat(resources.get(action)).as(action).allSatisfy(resource ->
                        assertThat(referencedId(resource)).as(action).hasValue("DeploymentStateMachine"));
            }
            assertThat(resources.get("states:StopExecution")).singleElement().isEqualTo(Map.of("Fn::Sub",
                    "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${DeploymentStateMachine.Name}:*"));
        }
    }

    @Nested
    class Encryption {

        @Test
        void rotatesTheCaretakerKey_whenDeployed() {
            assertThat(template.resources().get(keyId).properties()).containsEntry("EnableKeyRotation", true);
        }

        @Test
        void encryptsWithCaretakerKey_everyQueue() {
            eachOf(QUEUE, (id, p) -> assertKey(id + " KmsMasterKeyId", p.get("KmsMasterKeyId")));
        }

        @Test
        void encryptsWithCaretakerKey_everyTable() {
            eachOf("AWS::DynamoDB::Table", (id, p) -> {
                Map<String, Object> sse = map(p.get("SSESpecification"));
                assertThat(sse).as("%s SSESpecification", id).containsEntry("SSEEnabled", true).containsEntry("SSEType", "KMS");
                assertKey(id + " SSESpecification.KMSMasterKeyId", sse.get("KMSMasterKeyId"));
            });
        }

        @Test
        void encryptsWithCaretakerKey_everyBucket() {
            eachOf("AWS::S3::Bucket", (id, p) -> {
                List<Object> rules = list(map(p.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"));
                assertThat(rules).as("%s encryption rules", id).hasSize(1);
                Map<String, Object> byDefault = map(map(rules.getFirst()).get("ServerSideEncryptionByDefault"));
                assertThat(byDefault).as("%s ServerSideEncryptionByDefault", id).containsEntry("SSEAlgorithm", "aws:kms");
                assertKey(id + " KMSMasterKeyID", byDefault.get("KMSMasterKeyID"));
            });
        }

        @Test
        void encryptsWithCaretakerKey_everyTopic() {
            eachOf("AWS::SNS::Topic", (id, p) -> assertKey(id + " KmsMasterKeyId", p.get("KmsMasterKeyId")));
        }

        @Test
        void encryptsWithCaretakerKey_everyLogGroup() {
            eachOf("AWS::Logs::LogGroup", (id, p) -> assertKey(id + " KmsKeyId", p.get("KmsKeyId")));
        }

        @Test
        void encryptsWithCaretakerKey_everySecret() {
            eachOf("AWS::SecretsManager::Secret", (id, p) -> assertKey(id + " KmsKeyId", p.get("KmsKeyId")));
        }

        @Test
        void encryptsWithCaretakerKey_everyStateMachine() {
            assertThat(template.resourcesOfType("AWS::Serverless::StateMachine"))
                    .as("AWS::Serverless::StateMachine cannot take EncryptionConfiguration: use AWS::StepFunctions::StateMachine")
                    .isEmpty();
            eachOf("AWS::StepFunctions::StateMachine", (id, p) -> {
                Map<String, Object> encryption = map(p.get("EncryptionConfiguration"));
                assertThat(encryption).as("%s EncryptionConfiguration", id).containsEntry("Type", "CUSTOMER_MANAGED_KMS_KEY");
                assertKey(id + " EncryptionConfiguration.KmsKeyId", encryption.get("KmsKeyId"));
            });
        }

        @Test
        void encryptsWithCaretakerKey_everyEventBus() {
            eachOf("AWS::Events::EventBus", (id, p) -> assertKey(id + " KmsKeyIdentifier", p.get("KmsKeyIdentifier")));
        }

        @Test
        void encryptsWithCaretakerKey_everySchedule() {
            eachOf("AWS::Scheduler::Schedule", (id, p) -> assertKey(id + " KmsKeyArn", p.get("KmsKeyArn")));
        }

        @Test
        void encryptsWithCaretakerKey_everyFunctionEnvironmentAndSnapshot() {
            functions().forEach((id, function) -> assertKey(id + " KmsKeyArn", effective(function, "KmsKeyArn")));
        }

        private void eachOf(String type, java.util.function.BiConsumer<String, Map<String, Object>> check) {
            Map<String, Template.Resource> resources = template.resourcesOfType(type);
            assertThat(resources).as("%s resources in template.yaml", type).isNotEmpty();
            resources.forEach((id, resource) -> check.accept(id, resource.properties()));
        }

        private void assertKey(String what, Object value) {
            assertThat(referencedId(value)).as("%s names the Caretaker key %s, found %s", what, keyId, value)
                    .isEqualTo(Optional.of(keyId));
        }
    }

    @Nested
    class StateTable {

        private Map<String, Object> table() {
            Template.Resource table = template.resources().get("StateTable");
            assertThat(table).as("StateTable resource").isNotNull();
            assertThat(table.type()).isEqualTo("AWS::DynamoDB::Table");
            return table.properties();
        }

        @Test
        void usesJobStoreKeys_whenDeclaringPrimaryKey() {
            assertThat(keySchema(table().get("KeySchema")))
                    .as("StateTable KeySchema against DynamoDbJobStore.PK/SK")
                    .containsExactly(DynamoDbJobStore.PK + " HASH", DynamoDbJobStore.SK + " RANGE");
        }

        @Test
        void declaresJobStoreIndexes_withCreatedAsSortKey() {
            Map<String, List<String>> expected = new LinkedHashMap<>();
            expected.put(DynamoDbJobStore.INDEX_BY_TYPE_STATUS, List.of(DynamoDbJobStore.TYPE_STATUS_KEY + " HASH", DynamoDbJobStore.CREATED + " RANGE"));
            expected.put(DynamoDbJobStore.INDEX_BY_TYPE, List.of(DynamoDbJobStore.TYPE_KEY + " HASH", DynamoDbJobStore.CREATED + " RANGE"));
            expected.put(DynamoDbJobStore.INDEX_BY_STATUS, List.of(DynamoDbJobStore.STATUS_KEY + " HASH", DynamoDbJobStore.CREATED + " RANGE"));
            expected.put(DynamoDbJobStore.INDEX_BY_CREATED, List.of(DynamoDbJobStore.ALL_KEY + " HASH", DynamoDbJobStore.CREATED + " RANGE"));

            Map<String, List<String>> actual = new LinkedHashMap<>();
            for (Object index : list(table().get("GlobalSecondaryIndexes"))) {
                Map<String, Object> gsi = map(index);
                actual.put((String) gsi.get("IndexName"), keySchema(gsi.get("KeySchema")));
                assertThat(map(gsi.get("Projection"))).as("StateTable index %s Projection", gsi.get("IndexName"))
                        .containsEntry("ProjectionType", "ALL");
            }

            assertThat(actual).as("StateTable GlobalSecondaryIndexes against DynamoDbJobStore").isEqualTo(expected);
        }

        @Test
        void declaresEveryKeyAttributeAsString_whenUsedInAKeySchema() {
            Map<String, Object> types = new LinkedHashMap<>();
            list(table().get("AttributeDefinitions")).forEach(d -> types.put((String) map(d).get("AttributeName"), map(d).get("AttributeType")));

            assertThat(types).as("StateTable AttributeDefinitions").containsOnlyKeys(DynamoDbJobStore.PK, DynamoDbJobStore.SK,
                            DynamoDbJobStore.CREATED, DynamoDbJobStore.TYPE_STATUS_KEY, DynamoDbJobStore.TYPE_KEY,
                            DynamoDbJobStore.STATUS_KEY, DynamoDbJobStore.ALL_KEY)
                    .allSatisfy((name, type) -> assertThat(type).as("type of %s", name).isEqualTo("S"));
        }

        @Test
        void expiresItemsByExpiresAt_withOnDemandBillingAndRecovery() {
            assertThat(map(table().get("TimeToLiveSpecification")))
                    .as("StateTable TimeToLiveSpecification (items written with expiresAt, epoch seconds)")
                    .isEqualTo(Map.of("AttributeName", "expiresAt", "Enabled", true));
            assertThat(table()).containsEntry("BillingMode", "PAY_PER_REQUEST");
            assertThat(map(table().get("PointInTimeRecoverySpecification")))
                    .containsEntry("PointInTimeRecoveryEnabled", true);
        }

        @Test
        void usesPowertoolsLayout_forIdempotencyTable() {
            Map<String, Object> table = template.resources().get("IdempotencyTable").properties();

            assertThat(keySchema(table.get("KeySchema"))).as("IdempotencyTable KeySchema").containsExactly("id HASH");
            assertThat(map(table.get("TimeToLiveSpecification"))).as("IdempotencyTable TimeToLiveSpecification")
                    .isEqualTo(Map.of("AttributeName", "expiration", "Enabled", true));
        }

        private List<String> keySchema(Object schema) {
            return list(schema).stream().map(e -> map(e).get("AttributeName") + " " + map(e).get("KeyType")).toList();
        }
    }

    @Nested
    class Functions {

        @Test
        void runsJava21OnArm64WithSnapStart_forEveryFunction() {
            assertThat(functions()).as("functions in template.yaml").hasSize(5);
            functions().forEach((id, function) -> {
                assertThat(effective(function, "Runtime")).as("%s Runtime", id).isEqualTo("java21");
                assertThat(effective(function, "Architectures")).as("%s Architectures", id).isEqualTo(List.of("arm64"));
                assertThat(effective(function, "SnapStart")).as("%s SnapStart", id)
                        .isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
                // SnapStart applies to published versions only: without an alias nothing invokes one.
                assertThat(effective(function, "AutoPublishAlias")).as("%s AutoPublishAlias", id).isEqualTo("live");
                assertThat(effective(function, "Tracing")).as("%s Tracing", id).isEqualTo("Active");
                assertThat(map(effective(function, "LoggingConfig"))).as("%s LoggingConfig", id)
                        .containsEntry("LogFormat", "JSON").containsKey("LogGroup");
            });
        }

        @Test
        void setsCommonVariables_forEveryFunction() {
            functions().forEach((id, function) -> assertThat(variables(function)).as("%s environment", id)
                    .containsKeys(COMMON_VARIABLES.toArray(String[]::new))
                    .containsEntry("POWERTOOLS_METRICS_NAMESPACE", "Caretaker"));
        }

        @Test
        void setsOrchestratorVariables_whenFunctionIsTheOrchestrator() {
            assertThat(variables(functions().get("OrchestratorFunction"))).as("OrchestratorFunction environment")
                    .containsKeys("DRIFT_QUEUE_URL", "COST_QUEUE_URL", "BACKUP_QUEUE_URL", "DEPLOYMENT_STATE_MACHINE_ARN",
                            "WEBHOOK_SECRET_ID", "NOTIFICATION_TOPIC_ARN", "DRIFT_STACKS");
            assertThat(variables(functions().get("BackupWorkerFunction"))).as("BackupWorkerFunction environment")
                    .containsKey("ARTIFACTS_BUCKET");
        }
    }

    // ---------------------------------------------------------------------------------------------

    private record SqsSource(String functionId, String queueId, Map<String, Object> properties) {
    }

    /** One statement of any policy in the template, with where it sits. */
    private record PolicyStatement(String resourceId, String resourceType, String path, int index, Map<String, Object> body) {

        boolean allows() {
            return "Allow".equals(body.get("Effect"));
        }

        boolean inKeyPolicy() {
            return resourceType.equals("AWS::KMS::Key") && path.contains("KeyPolicy");
        }

        boolean isTrustPolicy() {
            return path.contains("AssumeRolePolicyDocument");
        }

        /** The key policy statement that hands the key to the account, so that IAM policies apply. */
        boolean isKeyPolicyRootStatement() {
            return inKeyPolicy() && Map.of("AWS", Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"))
                    .equals(body.get("Principal"));
        }

        @Override
        public String toString() {
            Object sid = body.get("Sid");
            return resourceId + path + " statement " + (sid != null ? sid : "#" + index);
        }
    }

    private Map<String, Template.Resource> functions() {
        return template.resourcesOfType(FUNCTION);
    }

    /** A function property as SAM sees it: the function's own value, or the Globals one, maps merged. */
    private Object effective(Template.Resource function, String property) {
        Object own = function.properties().get(property);
        Object global = globals.get(property);
        if (own instanceof Map<?, ?> && global instanceof Map<?, ?>) {
            Map<String, Object> merged = new LinkedHashMap<>(map(global));
            merged.putAll(map(own));
            return merged;
        }
        return own != null ? own : global;
    }

    private Map<String, Object> variables(Template.Resource function) {
        Map<String, Object> merged = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
        merged.putAll(map(map(function.properties().get("Environment")).get("Variables")));
        return merged;
    }

    private List<SqsSource> sqsSources() {
        List<SqsSource> sources = new ArrayList<>();
        functions().forEach((id, function) -> map(function.properties().get("Events")).values().forEach(event -> {
            if ("SQS".equals(map(event).get("Type"))) {
                Map<String, Object> properties = map(map(event).get("Properties"));
                String queue = referencedId(properties.get("Queue"))
                        .orElseThrow(() -> new AssertionError(id + " SQS event Queue is not a queue of this template"));
                sources.add(new SqsSource(id, queue, properties));
            }
        }));
        return sources;
    }

    /** Queues that something sends its failures to: redrive targets and dead-letter destinations. */
    private Set<String> deadLetterQueues() {
        Set<String> queues = template.resourcesOfType(QUEUE).keySet();
        Set<String> targets = new TreeSet<>();
        collectDeadLetterTargets(template.document(), targets);
        targets.retainAll(queues);
        return targets;
    }

    private void collectDeadLetterTargets(Object node, Set<String> targets) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                switch (String.valueOf(key)) {
                    case "deadLetterTargetArn" -> referencedId(value).ifPresent(targets::add);
                    case "DeadLetterConfig" -> referencedId(map(value).get("Arn")).ifPresent(targets::add);
                    case "OnFailure" -> referencedId(map(value).get("Destination")).ifPresent(targets::add);
                    default -> { }
                }
                collectDeadLetterTargets(value, targets);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectDeadLetterTargets(item, targets));
        }
    }

    private Map<String, Template.Resource> workQueues() {
        Set<String> deadLetterQueues = deadLetterQueues();
        Map<String, Template.Resource> work = new LinkedHashMap<>(template.resourcesOfType(QUEUE));
        work.keySet().removeAll(deadLetterQueues);
        return work;
    }

    private static boolean watches(Template.Resource alarm, String queueId) {
        Map<String, Object> p = alarm.properties();
        return "AWS/SQS".equals(p.get("Namespace")) && "ApproximateNumberOfMessagesVisible".equals(p.get("MetricName"))
                && list(p.get("Dimensions")).stream().map(TemplateTest::map)
                .anyMatch(d -> "QueueName".equals(d.get("Name")) && referencedId(d.get("Value")).equals(Optional.of(queueId)));
    }

    private List<PolicyStatement> statements() {
        List<PolicyStatement> statements = new ArrayList<>();
        template.resources().forEach((id, resource) ->
                collectStatements(resource.definition(), id, resource.type(), "", statements));
        assertThat(statements).as("policy statements in template.yaml").isNotEmpty();
        return statements;
    }

    private void collectStatements(Object node, String id, String type, String path, List<PolicyStatement> into) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey("Statement")) {
                List<Object> body = listOrSingle(map.get("Statement"));
                for (int i = 0; i < body.size(); i++) {
                    into.add(new PolicyStatement(id, type, path, i, map(body.get(i))));
                }
                return;
            }
            map.forEach((key, value) -> collectStatements(value, id, type, path + "." + key, into));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectStatements(list.get(i), id, type, path + "[" + i + "]", into);
            }
        }
    }

    /**
     * The logical id a value points at: {@code Ref} (including SAM's {@code Function.Alias}) or the
     * resource of {@code Fn::GetAtt}.
     */
    private static Optional<String> referencedId(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            if (map.get("Ref") instanceof String ref) {
                return Optional.of(ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref);
            }
            if (map.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty()) {
                return Optional.of(String.valueOf(getAtt.getFirst()));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static List<Object> listOrSingle(Object value) {
        return value == null ? List.of() : value instanceof List<?> ? list(value) : List.of(value);
    }

    private static List<String> strings(Object value) {
        return listOrSingle(value).stream().map(String::valueOf).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** Walks up from the working directory (a module when Maven runs) to the directory holding template.yaml. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        return fail("no template.yaml in " + Path.of("").toAbsolutePath() + " or any parent directory");
    }
}
