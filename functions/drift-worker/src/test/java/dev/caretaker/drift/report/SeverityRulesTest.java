package dev.caretaker.drift.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default severity table over real resource types and the property paths CloudFormation reports for them. */
class SeverityRulesTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            // IAM: any change to who may do what
            "AWS::IAM::Role, AssumeRolePolicyDocument.Statement.0.Principal.AWS, CRITICAL",
            "AWS::IAM::Role, ManagedPolicyArns.1, CRITICAL",
            "AWS::IAM::Role, Policies.0.PolicyDocument.Statement.0.Action, CRITICAL",
            "AWS::IAM::Role, MaxSessionDuration, CRITICAL",
            "AWS::IAM::Role, Tags.0.Value, INFO",
            "AWS::IAM::Role, Description, INFO",
            "AWS::IAM::ManagedPolicy, PolicyDocument.Statement.0.Resource, CRITICAL",
            // security groups: network exposure
            "AWS::EC2::SecurityGroup, SecurityGroupIngress.1, CRITICAL",
            "AWS::EC2::SecurityGroup, SecurityGroupEgress.0.CidrIp, CRITICAL",
            "AWS::EC2::SecurityGroupIngress, CidrIp, CRITICAL",
            "AWS::EC2::SecurityGroup, Tags.1, INFO",
            // buckets: public access and encryption critical, versioning and lifecycle configuration
            "AWS::S3::Bucket, PublicAccessBlockConfiguration.BlockPublicPolicy, CRITICAL",
            "AWS::S3::Bucket, BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm, CRITICAL",
            "AWS::S3::Bucket, VersioningConfiguration.Status, WARNING",
            "AWS::S3::Bucket, LifecycleConfiguration.Rules.0.ExpirationInDays, WARNING",
            "AWS::S3::Bucket, Tags.0.Value, INFO",
            "AWS::S3::BucketPolicy, PolicyDocument.Statement.0.Principal, CRITICAL",
            // functions: capacity and configuration, but the execution role is access
            "AWS::Lambda::Function, MemorySize, WARNING",
            "AWS::Lambda::Function, Timeout, WARNING",
            "AWS::Lambda::Function, Environment.Variables.LOG_LEVEL, WARNING",
            "AWS::Lambda::Function, Role, CRITICAL",
            "AWS::Lambda::Function, KmsKeyArn, CRITICAL",
            "AWS::Lambda::Function, VpcConfig.SecurityGroupIds.0, CRITICAL",
            "AWS::Lambda::Function, Description, INFO",
            "AWS::Lambda::Permission, Principal, CRITICAL",
            // tables: capacity warning, encryption critical
            "AWS::DynamoDB::Table, ProvisionedThroughput.ReadCapacityUnits, WARNING",
            "AWS::DynamoDB::Table, BillingMode, WARNING",
            "AWS::DynamoDB::Table, SSESpecification.SSEEnabled, CRITICAL",
            "AWS::DynamoDB::Table, PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled, WARNING",
            // queues
            "AWS::SQS::Queue, VisibilityTimeout, WARNING",
            "AWS::SQS::Queue, MessageRetentionPeriod, WARNING",
            "AWS::SQS::Queue, KmsMasterKeyId, CRITICAL",
            "AWS::SQS::Queue, SqsManagedSseEnabled, CRITICAL",
            "AWS::SQS::Queue, Tags.0.Value, INFO",
            "AWS::SQS::QueuePolicy, PolicyDocument.Statement.0.Principal, CRITICAL",
            // keys and databases
            "AWS::KMS::Key, KeyPolicy.Statement.1.Principal.AWS, CRITICAL",
            "AWS::KMS::Key, PendingWindowInDays, WARNING",
            "AWS::RDS::DBInstance, DBInstanceClass, WARNING",
            "AWS::RDS::DBInstance, StorageEncrypted, CRITICAL",
            "AWS::RDS::DBInstance, PubliclyAccessible, CRITICAL",
            "AWS::AutoScaling::AutoScalingGroup, MaxSize, WARNING",
    })
    void classifiesTheDifference_whenTheDefaultTableIsUsed(String type, String path, DriftSeverity expected) {
        SeverityRule rule = SeverityRules.DEFAULT.classify(type, path);

        assertThat(rule.severity()).isEqualTo(expected);
        assertThat(rule.why()).isNotBlank();
    }
}
