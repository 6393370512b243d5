package dev.caretaker.deployment.prerequisites;

import dev.caretaker.deployment.StackState;
import dev.caretaker.deployment.stack.DeclaredParameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs every prerequisite check and reports them together. A check that cannot be made (the IAM
 * or Service Quotas call fails) is a failed finding saying so, not an exception: the other
 * findings still reach the operator.
 */
public final class PrerequisiteChecks {

    public static final String STACK_STATE = "stack state";
    public static final String CAPABILITIES = "capabilities";
    public static final String PARAMETERS = "parameters";
    public static final String PERMISSIONS = "deploy role permissions";
    public static final String QUOTAS = "service quotas";

    private final PermissionSimulator permissions;
    private final QuotaReader quotas;

    public PrerequisiteChecks(PermissionSimulator permissions, QuotaReader quotas) {
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
    }

    public PrerequisiteReport check(PrerequisiteInput input) {
        List<Finding> findings = new ArrayList<>();
        findings.add(stackState(input));
        findings.add(capabilities(input));
        findings.add(parameters(input));
        findings.add(permissions(input));
        findings.addAll(quotas(input));
        return new PrerequisiteReport(findings);
    }

    private static Finding stackState(PrerequisiteInput input) {
        if (input.stackStatus() == null) {
            return Finding.pass(STACK_STATE, input.stackName() + " does not exist yet: it will be created");
        }
        String blocker = new StackState.Present(input.stackStatus()).blocker();
        if (blocker == null) {
            return Finding.pass(STACK_STATE, input.stackName() + " is " + input.stackStatus());
        }
        String remedy = switch (input.stackStatus()) {
            case "UPDATE_ROLLBACK_FAILED" -> "continue the rollback (ContinueUpdateRollback), skipping only the resources whose"
                    + " rollback failed (the stack events name them); fix what made them fail first if you can; then deploy again";
            case "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_FAILED" -> "delete the stack (after keeping any data it"
                    + " holds), then deploy again to create it";
            case "REVIEW_IN_PROGRESS" -> "execute or delete the pending change set, or delete the stack";
            default -> "wait for the running operation to finish, then deploy again";
        };
        return Finding.fail(STACK_STATE, blocker, remedy);
    }

    private static Finding capabilities(PrerequisiteInput input) {
        Set<String> needed = new TreeSet<>(input.manifestCapabilities());
        needed.addAll(input.template().capabilities());
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(input.acknowledgedCapabilities());
        if (missing.isEmpty()) {
            return Finding.pass(CAPABILITIES, needed.isEmpty() ? "the template needs no capabilities" : "acknowledged: " + needed);
        }
        String why = input.template().capabilitiesReason() == null ? "" : " (" + input.template().capabilitiesReason() + ")";
        return Finding.fail(CAPABILITIES, "the template needs " + missing + " and the configuration does not acknowledge it" + why,
                "after reviewing what the template creates, add " + missing + " to deployment.stacks[name=" + input.stackName()
                        + "].capabilities");
    }

    private static Finding parameters(PrerequisiteInput input) {
        List<String> problems = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        for (DeclaredParameter parameter : input.template().parameters()) {
            declared.add(parameter.key());
            String value = input.parameters().get(parameter.key());
            if (input.keptParameters().contains(parameter.key())) {
                continue;
            }
            if (value == null && !parameter.hasDefault()) {
                problems.add(parameter.key() + " has no value and no default");
            } else if (value != null && !parameter.allowedValues().isEmpty() && !parameter.allowedValues().contains(value)) {
                problems.add(parameter.key() + " is '" + (parameter.noEcho() ? "****" : value) + "', not one of " + parameter.allowedValues());
            }
        }
        for (Map.Entry<String, String> given : input.parameters().entrySet()) {
            if (!declared.contains(given.getKey())) {
                problems.add(given.getKey() + " is not a parameter of the template (it has " + declared + ")");
            }
        }
        if (problems.isEmpty()) {
            return Finding.pass(PARAMETERS, declared.size() + " parameters complete and valid");
        }
        return Finding.fail(PARAMETERS, String.join("; ", problems), "set or correct them in deployment.stacks[name="
                + input.stackName() + "].parameters (the release's manifest gives only defaults)");
    }

    private Finding permissions(PrerequisiteInput input) {
        if (input.deployRoleArn() == null) {
            return Finding.pass(PERMISSIONS, "no deploy role configured: CloudFormation uses the caller's permissions");
        }
        ResourceActions.Needed needed = ResourceActions.forTypes(input.template().resourceTypes());
        String unchecked = needed.uncheckedTypes().isEmpty() ? "" : "; not checked for " + needed.uncheckedTypes();
        if (needed.actions().isEmpty()) {
            return Finding.pass(PERMISSIONS, "nothing to simulate" + unchecked);
        }
        Map<String, String> decisions;
        try {
            decisions = permissions.decisions(input.deployRoleArn(), needed.actions());
        } catch (RuntimeException e) {
            return Finding.fail(PERMISSIONS, "could not simulate the deploy role's policies: " + e.getMessage(),
                    "allow the deployment worker iam:SimulatePrincipalPolicy on " + input.deployRoleArn() + ", or check the role by hand");
        }
        List<String> denied = needed.actions().stream()
                .filter(action -> !"allowed".equals(decisions.get(action)))
                .map(action -> action + " (" + decisions.getOrDefault(action, "not evaluated") + ")").toList();
        if (denied.isEmpty()) {
            return Finding.pass(PERMISSIONS, needed.actions().size() + " actions allowed" + unchecked);
        }
        return Finding.fail(PERMISSIONS, input.deployRoleArn() + " may not " + String.join(", ", denied) + unchecked,
                "grant these actions to the deploy role (an explicitDeny comes from a deny statement, a boundary or an SCP)");
    }

    private List<Finding> quotas(PrerequisiteInput input) {
        List<DeclaredQuota> declared;
        try {
            declared = DeclaredQuota.fromMetadata(input.template().metadata());
        } catch (IllegalArgumentException e) {
            return List.of(Finding.fail(QUOTAS, e.getMessage(), "ask the vendor to correct the template's Metadata"));
        }
        if (declared.isEmpty()) {
            return List.of(Finding.pass(QUOTAS, "the template declares no quotas"));
        }
        List<Finding> findings = new ArrayList<>();
        for (DeclaredQuota quota : declared) {
            String name = quota.serviceCode() + "/" + quota.quotaCode() + (quota.description() == null ? "" : " (" + quota.description() + ")");
            OptionalDouble value;
            try {
                value = quotas.value(quota.serviceCode(), quota.quotaCode());
            } catch (RuntimeException e) {
                findings.add(Finding.fail(QUOTAS, "could not read quota " + name + ": " + e.getMessage(),
                        "allow the deployment worker servicequotas:GetServiceQuota, or check the quota by hand"));
                continue;
            }
            if (value.isEmpty()) {
                findings.add(Finding.fail(QUOTAS, "quota " + name + " does not exist in this region",
                        "ask the vendor to correct the template's Metadata." + DeclaredQuota.METADATA_KEY));
            } else if (value.getAsDouble() < quota.required()) {
                findings.add(Finding.fail(QUOTAS, "quota " + name + " is " + number(value.getAsDouble()) + ", the template needs "
                        + number(quota.required()), "request an increase in Service Quotas (service " + quota.serviceCode()
                        + ", quota " + quota.quotaCode() + ")"));
            } else {
                findings.add(Finding.pass(QUOTAS, "quota " + name + " is " + number(value.getAsDouble()) + " (needs "
                        + number(quota.required()) + ")"));
            }
        }
        return findings;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
