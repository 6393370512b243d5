package dev.caretaker.deployment.prerequisites;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

/** {@link PermissionSimulator} on iam:SimulatePrincipalPolicy, every page (Marker/IsTruncated) read. */
public final class IamPermissionSimulator implements PermissionSimulator {

    private final IamClient iam;

    public IamPermissionSimulator(IamClient iam) {
        this.iam = Objects.requireNonNull(iam, "iam");
    }

    @Override
    public Map<String, String> decisions(String principalArn, List<String> actions) {
        Map<String, String> decisions = new LinkedHashMap<>();
        String marker = null;
        do {
            String page = marker;
            SimulatePrincipalPolicyResponse response = iam.simulatePrincipalPolicy(request -> request
                    .policySourceArn(principalArn).actionNames(actions).marker(page));
            for (EvaluationResult result : response.evaluationResults()) {
                decisions.put(result.evalActionName(), result.evalDecisionAsString());
            }
            marker = Boolean.TRUE.equals(response.isTruncated()) ? response.marker() : null;
        } while (marker != null);
        return decisions;
    }
}
