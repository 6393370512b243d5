package dev.caretaker.drift.report;

import static dev.caretaker.drift.report.DriftSeverity.CRITICAL;
import static dev.caretaker.drift.report.DriftSeverity.INFO;
import static dev.caretaker.drift.report.DriftSeverity.WARNING;
import static dev.caretaker.drift.report.SeverityRule.rule;

import java.util.List;
import java.util.Objects;

/**
 * Severity of a property difference: the first rule that matches, top to bottom. To extend it,
 * add a line above the one that would otherwise catch the case. Types and paths are globs ('*'
 * within a segment, '**' across segments, '**.' may match nothing); a rule covers the property
 * it names and everything inside it.
 */
public final class SeverityRules {

    public static final SeverityRules DEFAULT = new SeverityRules(List.of(
            // --- bookkeeping: never more than info, whatever the resource --------------------------------
            rule("**", "**.Tags", INFO, "tags"),
            rule("**", "**.Description", INFO, "description"),
            rule("**", "**.Comment", INFO, "comment"),
            // --- who may do what ---------------------------------------------------------------------------
            rule("AWS::IAM::**", "**", CRITICAL, "IAM identities and policies grant access"),
            rule("AWS::Lambda::Permission", "**", CRITICAL, "who may invoke the function"),
            rule("AWS::Lambda::Function", "Role", CRITICAL, "the function's permissions"),
            rule("AWS::S3::BucketPolicy", "**", CRITICAL, "bucket policy grants access to data"),
            rule("AWS::S3::Bucket", "PublicAccessBlockConfiguration", CRITICAL, "public access to the bucket"),
            rule("AWS::S3::Bucket", "AccessControl", CRITICAL, "public access to the bucket"),
            rule("AWS::S3::Bucket", "OwnershipControls", CRITICAL, "ACLs and object ownership"),
            rule("AWS::SQS::QueuePolicy", "**", CRITICAL, "queue policy grants access to messages"),
            rule("AWS::SNS::TopicPolicy", "**", CRITICAL, "topic policy grants access to messages"),
            rule("AWS::KMS::Key", "KeyPolicy", CRITICAL, "key policy grants use of the key"),
            rule("AWS::KMS::Key", "Enabled", CRITICAL, "a disabled key makes encrypted data unreadable"),
            rule("AWS::KMS::Key", "EnableKeyRotation", CRITICAL, "key rotation"),
            rule("AWS::SecretsManager::ResourcePolicy", "**", CRITICAL, "who may read the secret"),
            // --- network exposure --------------------------------------------------------------------------
            rule("AWS::EC2::SecurityGroup*", "**", CRITICAL, "network access rules"),
            rule("AWS::EC2::NetworkAcl*", "**", CRITICAL, "network access rules"),
            rule("AWS::EC2::Instance", "SecurityGroup*", CRITICAL, "network access rules"),
            rule("**", "**.SecurityGroupIds", CRITICAL, "network access rules"),
            rule("**", "**.PubliclyAccessible", CRITICAL, "public network exposure"),
            // --- encryption --------------------------------------------------------------------------------
            rule("**", "**.BucketEncryption", CRITICAL, "encryption at rest"),
            rule("**", "**.SSESpecification", CRITICAL, "encryption at rest"),
            rule("**", "**.*Encryption*", CRITICAL, "encryption settings"),
            rule("**", "**.*Encrypted", CRITICAL, "encryption settings"),
            rule("**", "**.KmsKeyId", CRITICAL, "encryption key"),
            rule("**", "**.KmsMasterKeyId", CRITICAL, "encryption key"),
            rule("**", "**.KMSMasterKeyId", CRITICAL, "encryption key"),
            rule("**", "**.KmsKeyArn", CRITICAL, "encryption key"),
            rule("**", "**.SqsManagedSseEnabled", CRITICAL, "encryption at rest"),
            // --- capacity and configuration: everything else that drifted -----------------------------------
            rule("**", "**", WARNING, "configuration differs from the template")));

    private final List<SeverityRule> rules;

    public SeverityRules(List<SeverityRule> rules) {
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        if (this.rules.isEmpty()) {
            throw new IllegalArgumentException("a severity table needs at least one rule");
        }
    }

    /** The first rule matching this difference; the catch-all makes every difference match one. */
    public SeverityRule classify(String resourceType, String dottedPath) {
        for (SeverityRule rule : rules) {
            if (rule.matches(resourceType, dottedPath)) {
                return rule;
            }
        }
        return SeverityRule.rule("**", "**", WARNING, "configuration differs from the template");
    }

    public List<SeverityRule> rules() {
        return rules;
    }
}
