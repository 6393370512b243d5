package dev.caretaker.local;

import dev.caretaker.local.sandbox.InjectedDrift;
import dev.caretaker.local.sandbox.SandboxResource;
import dev.caretaker.local.sandbox.SandboxScenario;
import java.time.LocalDate;
import java.util.List;

/**
 * The sandbox account {@code caretaker local} starts with: something for each worker to find. Stack
 * {@code app} is settled and in sync (a webhook release deploys it); stack {@code billing} has a bucket
 * whose versioning someone switched off by hand (a WARNING) and a nested stack, {@code billing-network},
 * whose security group someone opened to the internet on port 22 (CRITICAL: the drift check follows
 * the nested stack, finds it, and remediation, configured {@code auto} here, refuses to act alone
 * and asks for approval); and the last two weeks have daily costs (the cost report has numbers).
 * Stack {@code legacy} is stuck in UPDATE_ROLLBACK_FAILED: a release for it must be refused with the
 * recovery path, not applied.
 * It is left out of the drift checks, which cover the stacks the customer runs day to day.
 */
public final class DemoScenario {

    public static final List<String> STACKS = List.of("app", "billing");
    /** The template's DriftRemediation for the local runtime: auto, to show where it stops and asks. */
    public static final String DRIFT_REMEDIATION = "auto";

    private DemoScenario() {
    }

    public static SandboxScenario create(LocalDate today) {
        SandboxScenario.Builder scenario = SandboxScenario.builder()
                .stack("app", "UPDATE_COMPLETE",
                        SandboxResource.inSync("AppBucket", "AWS::S3::Bucket", "app-assets-000000000000"),
                        SandboxResource.inSync("AppQueue", "AWS::SQS::Queue", "app-work"))
                .stack("billing", "UPDATE_COMPLETE",
                        SandboxResource.modified("InvoiceBucket", "AWS::S3::Bucket", "billing-invoices-000000000000",
                                List.of(new InjectedDrift.Difference("/VersioningConfiguration/Status", "Enabled", "Suspended"))),
                        SandboxResource.inSync("InvoiceTable", "AWS::DynamoDB::Table", "billing-invoices"),
                        SandboxResource.nestedStack("Network", "billing-network"))
                .stack("billing-network", "UPDATE_COMPLETE",
                        SandboxResource.modified("InvoiceSecurityGroup", "AWS::EC2::SecurityGroup", "sg-0b1e2c3d4e5f60718",
                                List.of(InjectedDrift.Difference.added("/SecurityGroupIngress/1",
                                        "{\"CidrIp\":\"0.0.0.0/0\",\"FromPort\":22,\"IpProtocol\":\"tcp\",\"ToPort\":22}"))))
                .stack("legacy", "UPDATE_ROLLBACK_FAILED",
                        SandboxResource.inSync("LegacyQueue", "AWS::SQS::Queue", "legacy-work"));
        for (int daysAgo = 14; daysAgo >= 1; daysAgo--) {
            LocalDate day = today.minusDays(daysAgo);
            scenario.dailyCost(day, "AWS Lambda", "1.2" + daysAgo % 10)
                    .dailyCost(day, "Amazon DynamoDB", "0.8" + daysAgo % 7)
                    .dailyCost(day, "Amazon Simple Storage Service", "0.31");
        }
        return scenario.build();
    }
}
