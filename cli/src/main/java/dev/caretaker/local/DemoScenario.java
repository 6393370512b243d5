package dev.caretaker.local;

import dev.caretaker.local.demo.DemoReleases;
import dev.caretaker.local.sandbox.AlarmRule;
import dev.caretaker.local.sandbox.DeploymentFault;
import dev.caretaker.local.sandbox.InjectedDrift;
import dev.caretaker.local.sandbox.SandboxResource;
import dev.caretaker.local.sandbox.SandboxScenario;
import dev.caretaker.local.sandbox.SandboxStack;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The sandbox account {@code caretaker local} starts with: something for each worker to find.
 * <ul>
 *   <li>{@code app} runs release 1.3.0 of the demo's product and is in sync; the sandbox vendor
 *       publishes 1.4.0 (a plain change), 1.5.0 (replaces the orders table: risky), 1.6.0 (its
 *       {@code app-5xx} alarm goes off right after it is in place) and 1.6.1 (tampered with after
 *       signing), see {@link DemoReleases};</li>
 *   <li>{@code billing} has a bucket whose versioning someone switched off by hand (a WARNING) and a
 *       nested stack, {@code billing-network}, whose security group someone opened to the internet on
 *       port 22 (CRITICAL: the drift check follows the nested stack, finds it, and remediation,
 *       configured {@code auto} here, refuses to act alone and asks for approval);</li>
 *   <li>{@code reports} does not exist yet, and its first release fails to create its index table;</li>
 *   <li>{@code ledger} runs 2.0.0; updating it to 2.1.0 fails on its queue, and so does rolling the
 *       queue back: the stack ends in UPDATE_ROLLBACK_FAILED until the rollback is continued;</li>
 *   <li>{@code legacy} is stuck in UPDATE_ROLLBACK_FAILED already: a release for it must be refused
 *       with the recovery path, not applied;</li>
 *   <li>the last two weeks have daily costs (the cost report has numbers).</li>
 * </ul>
 * The drift checks cover the stacks the customer runs day to day, app and billing.
 */
public final class DemoScenario {

    public static final List<String> STACKS = List.of("app", "billing");
    /** The alarm app's configuration names as its rollback trigger. */
    public static final String ALARM = "app-5xx";
    /** The template's DriftRemediation for the local runtime: auto, to show where it stops and asks. */
    public static final String DRIFT_REMEDIATION = "auto";

    private DemoScenario() {
    }

    public static SandboxScenario create(LocalDate today) {
        SandboxScenario.Builder scenario = SandboxScenario.builder()
                .stack(SandboxStack.deployed("app", DemoReleases.template("releases/app-1.3.0.yaml"), Map.of("Stage", "dev")))
                .stack("billing", "UPDATE_COMPLETE",
                        SandboxResource.modified("InvoiceBucket", "AWS::S3::Bucket", "billing-invoices-000000000000",
                                List.of(new InjectedDrift.Difference("/VersioningConfiguration/Status", "Enabled", "Suspended"))),
                        SandboxResource.inSync("InvoiceTable", "AWS::DynamoDB::Table", "billing-invoices"),
                        SandboxResource.nestedStack("Network", "billing-network"))
                .stack("billing-network", "UPDATE_COMPLETE",
                        SandboxResource.modified("InvoiceSecurityGroup", "AWS::EC2::SecurityGroup", "sg-0b1e2c3d4e5f60718",
                                List.of(InjectedDrift.Difference.added("/SecurityGroupIngress/1",
                                        "{\"CidrIp\":\"0.0.0.0/0\",\"FromPort\":22,\"IpProtocol\":\"tcp\",\"ToPort\":22}"))))
                .stack(SandboxStack.deployed("ledger", DemoReleases.template("releases/ledger-2.0.0.yaml"), Map.of()))
                .stack(new SandboxStack("legacy", "UPDATE_COMPLETE",
                        List.of(SandboxResource.inSync("LegacyQueue", "AWS::SQS::Queue", "legacy-work"))).stuckInRollback("LegacyQueue"))
                // A moment after 1.6.0 is in place: after CloudFormation's own rollback triggers (no monitoring minutes
                // locally), in time for Caretaker's health check, which returns the stack to its last known-good release.
                .alarmRule(AlarmRule.alarm(ALARM).whileStack("app").runsTemplateContaining("version 1.6.0").after(Duration.ofMillis(1)))
                .deploymentFault(DeploymentFault.onStack("reports")
                        .resourceFails("ReportsIndex", "Resource handler returned message: \"Table reports-index already exists\"")
                        .everyTime())
                .deploymentFault(DeploymentFault.onStack("ledger").whenTemplateContains("version 2.1.0")
                        .resourceFails("Postings", "Resource handler returned message: \"Invalid attribute MessageRetentionPeriod\"")
                        .rollbackFails("Postings", "Resource handler returned message: \"Queue is being purged\"")
                        .everyTime());
        for (int daysAgo = 14; daysAgo >= 1; daysAgo--) {
            LocalDate day = today.minusDays(daysAgo);
            scenario.dailyCost(day, "AWS Lambda", "1.2" + daysAgo % 10)
                    .dailyCost(day, "Amazon DynamoDB", "0.8" + daysAgo % 7)
                    .dailyCost(day, "Amazon Simple Storage Service", "0.31");
        }
        return scenario.build();
    }
}
