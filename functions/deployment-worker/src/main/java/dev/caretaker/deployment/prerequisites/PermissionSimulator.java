package dev.caretaker.deployment.prerequisites;

import java.util.List;
import java.util.Map;

/** Port: what a principal's policies decide for actions, without performing them (iam:SimulatePrincipalPolicy). */
public interface PermissionSimulator {

    /** Action → decision: "allowed", "implicitDeny" or "explicitDeny". */
    Map<String, String> decisions(String principalArn, List<String> actions);
}
