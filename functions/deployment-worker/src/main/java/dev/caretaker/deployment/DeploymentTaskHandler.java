package dev.caretaker.deployment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.aws.SnapStartPriming;
import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.config.ConfigProviderFactory;
import dev.caretaker.config.ConfigUnavailableException;
import dev.caretaker.deployment.health.CloudWatchAlarmStates;
import dev.caretaker.deployment.prerequisites.IamPermissionSimulator;
import dev.caretaker.deployment.prerequisites.PrerequisiteChecks;
import dev.caretaker.deployment.prerequisites.ServiceQuotasQuotaReader;
import dev.caretaker.deployment.release.KmsManagedKeyVerifier;
import dev.caretaker.deployment.release.ManagedKeyVerifier;
import dev.caretaker.deployment.release.ReleaseArtifacts;
import dev.caretaker.deployment.release.ReleaseVerifier;
import dev.caretaker.deployment.release.S3ReleaseArtifacts;
import dev.caretaker.deployment.stack.CloudFormationStackOperations;
import dev.caretaker.deployment.stack.CloudFormationThrottlingRetry;
import dev.caretaker.deployment.stack.StackOperations;
import dev.caretaker.deployment.workflow.BeginStep;
import dev.caretaker.deployment.workflow.CheckHealthStep;
import dev.caretaker.deployment.workflow.ContinueRollbackStep;
import dev.caretaker.deployment.workflow.DeploymentRecords;
import dev.caretaker.deployment.workflow.ExecuteStep;
import dev.caretaker.deployment.workflow.FinishStep;
import dev.caretaker.deployment.workflow.GateStep;
import dev.caretaker.deployment.workflow.KeepCurrentTemplateStep;
import dev.caretaker.deployment.workflow.PrerequisitesStep;
import dev.caretaker.deployment.workflow.PreviewStep;
import dev.caretaker.deployment.workflow.RecoverStep;
import dev.caretaker.deployment.workflow.RejectStep;
import dev.caretaker.deployment.workflow.RequestApprovalStep;
import dev.caretaker.deployment.workflow.StepInput;
import dev.caretaker.deployment.workflow.VerifyStep;
import dev.caretaker.deployment.workflow.WatchStep;
import dev.caretaker.deployment.workflow.WorkflowStep;
import dev.caretaker.deployments.DynamoDbDeploymentStore;
import dev.caretaker.events.EventBridgePublisher;
import dev.caretaker.events.EventPublisher;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.JobStore;
import dev.caretaker.observability.Observability;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * Lambda entry point for the deployment state machine's tasks. The state machine passes
 * {@code {"action": "...", "input": <execution state>}} (and {@code taskToken} for the approval
 * step); the action picks the step. An exception fails the task: Step Functions retries it where
 * retrying can help and records it through the {@code fail} action where it cannot.
 */
public final class DeploymentTaskHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The CloudFormation service role deployments run with (template parameter DeploymentRoleArn); optional. */
    static final String ENV_DEPLOY_ROLE = "DEPLOY_ROLE_ARN";
    /** The installation's environment (template Globals), the label a deployment record carries. */
    static final String ENV_ENVIRONMENT = "CARETAKER_ENVIRONMENT";

    private final Map<String, Supplier<WorkflowStep>> steps;
    private final SnapStartPriming priming;

    public DeploymentTaskHandler() {
        this(AwsClientFactory.fromEnvironment());
    }

    /** The same wiring as in Lambda from an injected environment: what the local runtime and end-to-end tests use. */
    public DeploymentTaskHandler(AwsClientFactory clients) {
        this(clients, Clock.systemUTC());
    }

    /**
     * The same wiring on another clock: windows, approval deadlines and health windows are judged on
     * it, so the scenario tests can move time for the worker and the state machine together.
     */
    public DeploymentTaskHandler(AwsClientFactory clients, Clock clock) {
        this.steps = steps(clients, clock);
        this.priming = SnapStartPriming.register(this::prime);
    }

    /** Steps made up front, for tests of the dispatch. */
    DeploymentTaskHandler(Map<String, WorkflowStep> steps) {
        Map<String, Supplier<WorkflowStep>> made = new LinkedHashMap<>();
        steps.forEach((action, step) -> made.put(action, () -> step));
        this.steps = Map.copyOf(made);
        this.priming = SnapStartPriming.register(this::prime);
    }

    /** Before a SnapStart snapshot: every step and its clients made, and the decisions run on canned values. */
    void prime() {
        steps.values().forEach(Supplier::get);
        DeploymentPriming.prime();
    }

    /**
     * Each step, made when it first runs. The collaborators steps share (the stores, the CloudFormation
     * adapter, the release artifacts, the configuration) are made once, by whichever step needs them first.
     */
    static Map<String, Supplier<WorkflowStep>> steps(AwsClientFactory clients, Clock clock) {
        String table = clients.require("STATE_TABLE");
        String bus = clients.require("EVENT_BUS_NAME");
        String bucket = clients.require("ARTIFACTS_BUCKET");
        String environment = clients.optional(ENV_ENVIRONMENT, "unknown");
        String role = clients.optional(ENV_DEPLOY_ROLE, "");
        String deployRole = role.isBlank() ? null : role;
        Supplier<JobStore> jobs = Memoized.of(() -> new DynamoDbJobStore(clients.build(DynamoDbClient.builder(), "DYNAMODB"), table));
        Supplier<DeploymentRecords> records = Memoized.of(() -> new DeploymentRecords(
                new DynamoDbDeploymentStore(clients.build(DynamoDbClient.builder(), "DYNAMODB"), table), clock));
        Supplier<EventPublisher> events = Memoized.of(() -> new EventBridgePublisher(
                clients.build(EventBridgeClient.builder(), "EVENTBRIDGE"), bus));
        Supplier<StackOperations> stacks = Memoized.of(() -> new CloudFormationStackOperations(
                clients.build(CloudFormationClient.builder(), "CLOUDFORMATION"), CloudFormationThrottlingRetry.standard()));
        Supplier<ReleaseArtifacts> artifacts = Memoized.of(() -> new S3ReleaseArtifacts(clients.s3(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), bucket, clients.region()));
        Supplier<KmsManagedKeyVerifier> kms = Memoized.of(() -> new KmsManagedKeyVerifier(clients.build(KmsClient.builder(), "KMS")));
        ManagedKeyVerifier managedKeys = (keyId, algorithm, digest, signature) -> kms.get().verify(keyId, algorithm, digest, signature);
        Supplier<PrerequisiteChecks> checks = Memoized.of(() -> new PrerequisiteChecks(
                new IamPermissionSimulator(clients.build(IamClient.builder(), "IAM")),
                new ServiceQuotasQuotaReader(clients.build(ServiceQuotasClient.builder(), "SERVICEQUOTAS"))));
        Supplier<Optional<ConfigProvider>> provider = Memoized.of(() -> ConfigProviderFactory.forWorker(clients, "deployment-worker", clock));
        Supplier<CaretakerConfig> config = () -> provider.get().orElseThrow(() -> new ConfigUnavailableException("the deployment"
                + " worker has no configuration source: set " + ConfigProviderFactory.ENV_PARAMETER + " to the SSM parameter holding it",
                null)).current();

        Map<String, Supplier<WorkflowStep>> steps = new LinkedHashMap<>();
        steps.put("begin", Memoized.of(() -> new BeginStep(jobs.get(), records.get(), environment)));
        steps.put("keepCurrentTemplate", Memoized.of(() -> new KeepCurrentTemplateStep(stacks.get(), artifacts.get(), records.get())));
        steps.put("verify", Memoized.of(() -> new VerifyStep(artifacts.get(), keys -> new ReleaseVerifier(keys, managedKeys),
                records.get(), config)));
        steps.put("gate", Memoized.of(() -> new GateStep(records.get(), config)));
        steps.put("prerequisites", Memoized.of(() -> new PrerequisitesStep(stacks.get(), checks.get(), artifacts.get(), records.get(),
                config, deployRole)));
        steps.put("preview", Memoized.of(() -> new PreviewStep(stacks.get(), artifacts.get(), records.get(), config, deployRole)));
        steps.put("requestApproval", Memoized.of(() -> new RequestApprovalStep(records.get(), jobs.get(), events.get(), config)));
        steps.put("reject", Memoized.of(() -> new RejectStep(stacks.get(), records.get())));
        steps.put("execute", Memoized.of(() -> new ExecuteStep(stacks.get(), records.get())));
        steps.put("watch", Memoized.of(() -> new WatchStep(stacks.get(), records.get())));
        steps.put("continueRollback", Memoized.of(() -> new ContinueRollbackStep(stacks.get(), records.get())));
        steps.put("checkHealth", Memoized.of(() -> new CheckHealthStep(
                new CloudWatchAlarmStates(clients.build(CloudWatchClient.builder(), "CLOUDWATCH")), records.get(), config)));
        steps.put("recover", Memoized.of(() -> new RecoverStep(records.get())));
        steps.put("finish", Memoized.of(() -> new FinishStep(records.get(), jobs.get(), events.get(), false)));
        steps.put("fail", Memoized.of(() -> new FinishStep(records.get(), jobs.get(), events.get(), true)));
        return Map.copyOf(steps);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Observability.invocation(context, () -> dispatch(event));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> dispatch(Map<String, Object> event) {
        Object action = event == null ? null : event.get("action");
        Object rawInput = event == null ? null : event.get("input");
        if (!(rawInput instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("deployment task event lacks an 'input' object");
        }
        Supplier<WorkflowStep> step = steps.get(String.valueOf(action));
        if (step == null) {
            throw new IllegalArgumentException("unknown deployment task action '" + action + "'; expected one of " + steps.keySet());
        }
        Map<String, Object> state = (Map<String, Object>) rawInput;
        DeploymentInput input = DeploymentInput.from(state);
        Object token = event.get("taskToken");
        MDC.put("jobId", input.jobId());
        try {
            return step.get().run(new StepInput(input, state, token == null ? null : token.toString()));
        } finally {
            MDC.remove("jobId");
        }
    }
}
