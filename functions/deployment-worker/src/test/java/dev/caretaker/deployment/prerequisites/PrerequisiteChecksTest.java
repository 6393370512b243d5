package dev.caretaker.deployment.prerequisites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.deployment.stack.DeclaredParameter;
import dev.caretaker.deployment.stack.TemplateSummary;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrerequisiteChecksTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/caretaker-deploy";
    private static final TemplateSummary TEMPLATE = new TemplateSummary(
            List.of(new DeclaredParameter("Stage", "String", null, false, null, List.of("dev", "staging", "prod")),
                    new DeclaredParameter("RetentionDays", "Number", "14", false, null, List.of()),
                    new DeclaredParameter("ApiKey", "String", null, true, null, List.of("k1", "k2"))),
            List.of("CAPABILITY_IAM"), "The following resource(s) require capabilities: [AWS::IAM::Role]",
            List.of("AWS::DynamoDB::Table", "AWS::IAM::Role", "Custom::Thing"),
            "{\"Caretaker::Quotas\":[{\"ServiceCode\":\"sqs\",\"QuotaCode\":\"L-4B5C6AB0\",\"Required\":10,\"Description\":\"in-flight messages\"}]}");

    private final Map<String, String> decisions = new HashMap<>();
    private final Map<String, Double> quotaValues = new HashMap<>(Map.of("sqs/L-4B5C6AB0", 120000.0));
    private List<String> simulated;

    private final PrerequisiteChecks checks = new PrerequisiteChecks(
            (principal, actions) -> {
                simulated = actions;
                Map<String, String> answer = new LinkedHashMap<>();
                actions.forEach(action -> answer.put(action, decisions.getOrDefault(action, "allowed")));
                return answer;
            },
            (service, quota) -> {
                Double value = quotaValues.get(service + "/" + quota);
                return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
            });

    private static PrerequisiteInput input(String status, List<String> acknowledged, Map<String, String> parameters) {
        return new PrerequisiteInput("app", status, List.of(), acknowledged, parameters, TEMPLATE, ROLE);
    }

    private static final Map<String, String> GOOD_PARAMETERS = Map.of("Stage", "prod", "ApiKey", "k1");

    @Test
    void passesEveryCheck_whenAllIsInOrder() {
        PrerequisiteReport report = checks.check(input("UPDATE_COMPLETE", List.of("CAPABILITY_IAM"), GOOD_PARAMETERS));

        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).extracting(Finding::check).containsExactly(PrerequisiteChecks.STACK_STATE,
                PrerequisiteChecks.CAPABILITIES, PrerequisiteChecks.PARAMETERS, PrerequisiteChecks.PERMISSIONS, PrerequisiteChecks.QUOTAS);
        assertThat(simulated).contains("dynamodb:CreateTable", "dynamodb:DeleteTable", "iam:CreateRole");
        assertThat(report.findings().get(3).message()).endsWith("; not checked for [Custom::Thing]");
    }

    @Test
    void reportsEveryFailureTogether_eachWithWhatToDo() {
        decisions.put("dynamodb:DeleteTable", "explicitDeny");
        quotaValues.put("sqs/L-4B5C6AB0", 5.0);
        Map<String, String> parameters = Map.of("Stage", "production", "Colour", "blue");

        PrerequisiteReport report = checks.check(input("UPDATE_ROLLBACK_FAILED", List.of(), parameters));

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(Finding::check).containsExactly(PrerequisiteChecks.STACK_STATE,
                PrerequisiteChecks.CAPABILITIES, PrerequisiteChecks.PARAMETERS, PrerequisiteChecks.PERMISSIONS, PrerequisiteChecks.QUOTAS);
        assertThat(report.failures()).allSatisfy(failure -> assertThat(failure.remedy()).isNotBlank());
        Finding state = report.failures().get(0);
        assertThat(state.message()).contains("UPDATE_ROLLBACK_FAILED");
        assertThat(state.remedy()).contains("ContinueUpdateRollback").contains("skipping only the resources whose rollback failed");
        assertThat(report.failures().get(1).message()).contains("[CAPABILITY_IAM]").contains("AWS::IAM::Role");
        assertThat(report.failures().get(2).message()).isEqualTo("Stage is 'production', not one of [dev, staging, prod];"
                + " ApiKey has no value and no default; Colour is not a parameter of the template (it has [Stage, RetentionDays, ApiKey])");
        assertThat(report.failures().get(3).message()).contains("may not dynamodb:DeleteTable (explicitDeny)");
        assertThat(report.failures().get(4).message()).isEqualTo("quota sqs/L-4B5C6AB0 (in-flight messages) is 5, the template needs 10");
        assertThat(report.failureText().lines()).hasSize(5);
    }

    @Test
    void hidesNoEchoValues_whenTheyAreNotAllowed() {
        PrerequisiteReport report = checks.check(input(null, List.of("CAPABILITY_IAM"), Map.of("Stage", "dev", "ApiKey", "s3cr3t")));

        assertThat(report.failureText()).contains("ApiKey is '****'").doesNotContain("s3cr3t");
    }

    @Test
    void requiresCapabilitiesTheManifestNames_evenWhenTheSummaryDoesNot() {
        PrerequisiteInput input = new PrerequisiteInput("app", null, List.of("CAPABILITY_AUTO_EXPAND"), List.of("CAPABILITY_IAM"),
                GOOD_PARAMETERS, TEMPLATE, ROLE);

        assertThat(checks.check(input).failures()).extracting(Finding::check).containsExactly(PrerequisiteChecks.CAPABILITIES);
    }

    @Test
    void passesStackState_whenStackDoesNotExistYet_andFailsForEachBlockingStatus() {
        assertThat(checks.check(input(null, List.of("CAPABILITY_IAM"), GOOD_PARAMETERS)).passed()).isTrue();
        for (String status : List.of("UPDATE_IN_PROGRESS", "ROLLBACK_COMPLETE", "DELETE_FAILED", "REVIEW_IN_PROGRESS")) {
            List<Finding> failures = checks.check(input(status, List.of("CAPABILITY_IAM"), GOOD_PARAMETERS)).failures();
            assertThat(failures).as(status).singleElement().satisfies(failure -> {
                assertThat(failure.check()).isEqualTo(PrerequisiteChecks.STACK_STATE);
                assertThat(failure.message()).contains(status);
            });
        }
    }

    @Test
    void reportsChecksThatCouldNotBeMade_asFailuresWithoutStoppingTheOthers() {
        PrerequisiteChecks failing = new PrerequisiteChecks(
                (principal, actions) -> {
                    throw new IllegalStateException("User is not authorized to perform: iam:SimulatePrincipalPolicy");
                },
                (service, quota) -> OptionalDouble.empty());

        PrerequisiteReport report = failing.check(input("UPDATE_COMPLETE", List.of("CAPABILITY_IAM"), GOOD_PARAMETERS));

        assertThat(report.failures()).extracting(Finding::message).containsExactly(
                "could not simulate the deploy role's policies: User is not authorized to perform: iam:SimulatePrincipalPolicy",
                "quota sqs/L-4B5C6AB0 (in-flight messages) does not exist in this region");
        assertThat(report.findings()).hasSize(5);
    }

    @Test
    void skipsPermissionCheck_whenNoDeployRole() {
        PrerequisiteInput input = new PrerequisiteInput("app", null, List.of(), List.of("CAPABILITY_IAM"), GOOD_PARAMETERS, TEMPLATE, null);

        assertThat(checks.check(input).passed()).isTrue();
        assertThat(simulated).isNull();
    }

    @Test
    void readsDeclaredQuotas_andRefusesMalformedOnes() {
        assertThat(DeclaredQuota.fromMetadata(null)).isEmpty();
        assertThat(DeclaredQuota.fromMetadata("{\"Other\":1}")).isEmpty();
        assertThat(DeclaredQuota.fromMetadata(TEMPLATE.metadata()))
                .containsExactly(new DeclaredQuota("sqs", "L-4B5C6AB0", 10, "in-flight messages"));
        PrerequisiteInput bad = new PrerequisiteInput("app", null, List.of(), List.of("CAPABILITY_IAM"), GOOD_PARAMETERS,
                new TemplateSummary(TEMPLATE.parameters(), List.of(), null, List.of(), "{\"Caretaker::Quotas\":[{\"ServiceCode\":\"sqs\"}]}"), null);

        assertThat(checks.check(bad).failures()).singleElement().satisfies(failure -> assertThat(failure.message())
                .isEqualTo("template Metadata.Caretaker::Quotas[0]: ServiceCode and QuotaCode (strings) and Required (a number) are required"));
    }
}
