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

    private final Map<String, WorkflowStep> steps;
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
        this(steps(clients, clock));
    }

    DeploymentTaskHandler(Map<String, WorkflowStep> steps) {
        this.steps = Map.copyOf(steps);
        this.priming = SnapStartPriming.register(DeploymentPriming::prime);
    }

    static Map<String, WorkflowStep> steps(AwsClientFactory clients, Clock clock) {
        String table = clients.require("STATE_TABLE");
        JobStore jobs = new DynamoDbJobStore(clients.build(DynamoDbClient.builder(), "DYNAMODB"), table);
        DeploymentRecords records = new DeploymentRecords(
                new DynamoDbDeploymentStore(clients.build(DynamoDbClient.builder(), "DYNAMODB"), table), clock);
        EventPublisher events = new EventBridgePublisher(clients.build(EventBridgeClient.builder(), "EVENTBRIDGE"),
                clients.require("EVENT_BUS_NAME"));
        StackOperations stacks = new CloudFormationStackOperations(clients.build(CloudFormationClient.builder(), "CLOUDFORMATION"),
                CloudFormationThrottlingRetry.standard());
        ReleaseArtifacts artifacts = new S3ReleaseArtifacts(clients.s3(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                clients.require("ARTIFACTS_BUCKET"), clients.region());
        KmsManagedKeyVerifier kms = new KmsManagedKeyVerifier(clients.build(KmsClient.builder(), "KMS"));
        PrerequisiteChecks checks = new PrerequisiteChecks(new IamPermissionSimulator(clients.build(IamClient.builder(), "IAM")),
                new ServiceQuotasQuotaReader(clients.build(ServiceQuotasClient.builder(), "SERVICEQUOTAS")));
        Supplier<CaretakerConfig> config = config(ConfigProviderFactory.forWorker(clients, "deployment-worker", clock));
        String role = clients.optional(ENV_DEPLOY_ROLE, "");
        String deployRole = role.isBlank() ? null : role;

        Map<String, WorkflowStep> steps = new LinkedHashMap<>();
        steps.put("begin", new BeginStep(jobs, records, config));
        steps.put("keepCurrentTemplate", new KeepCurrentTemplateStep(stacks, artifacts, records));
        steps.put("verify", new VerifyStep(artifacts, keys -> new ReleaseVerifier(keys, kms), records, config));
        steps.put("gate", new GateStep(records, config));
        steps.put("prerequisites", new PrerequisitesStep(stacks, checks, artifacts, records, config, deployRole));
        steps.put("preview", new PreviewStep(stacks, artifacts, records, config, deployRole));
        steps.put("requestApproval", new RequestApprovalStep(records, jobs, events, config));
        steps.put("reject", new RejectStep(stacks, records));
        steps.put("execute", new ExecuteStep(stacks, records));
        steps.put("watch", new WatchStep(stacks, records));
        steps.put("continueRollback", new ContinueRollbackStep(stacks, records));
        steps.put("checkHealth", new CheckHealthStep(new CloudWatchAlarmStates(clients.build(CloudWatchClient.builder(), "CLOUDWATCH")),
                records, config));
        steps.put("recover", new RecoverStep(records));
        steps.put("finish", new FinishStep(records, jobs, events, false));
        steps.put("fail", new FinishStep(records, jobs, events, true));
        return steps;
    }

    private static Supplier<CaretakerConfig> config(Optional<ConfigProvider> provider) {
        return () -> provider.orElseThrow(() -> new ConfigUnavailableException("the deployment worker has no configuration"
                + " source: set " + ConfigProviderFactory.ENV_PARAMETER + " to the SSM parameter holding it", null)).current();
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
        WorkflowStep step = steps.get(String.valueOf(action));
        if (step == null) {
            throw new IllegalArgumentException("unknown deployment task action '" + action + "'; expected one of " + steps.keySet());
        }
        Map<String, Object> state = (Map<String, Object>) rawInput;
        DeploymentInput input = DeploymentInput.from(state);
        Object token = event.get("taskToken");
        MDC.put("jobId", input.jobId());
        try {
            return step.run(new StepInput(input, state, token == null ? null : token.toString()));
        } finally {
            MDC.remove("jobId");
        }
    }
}
