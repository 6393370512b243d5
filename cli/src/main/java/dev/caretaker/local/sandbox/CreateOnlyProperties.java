package dev.caretaker.local.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Properties whose change makes CloudFormation replace the resource (create-only in the resource
 * schemas), for the common types. A type not listed here is updated in place whatever changes:
 * the sandbox says Replacement False where AWS might say True.
 */
final class CreateOnlyProperties {

    private static final Map<String, Set<String>> BY_TYPE = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", Set.of("TableName", "KeySchema", "LocalSecondaryIndexes")),
            Map.entry("AWS::S3::Bucket", Set.of("BucketName")),
            Map.entry("AWS::SQS::Queue", Set.of("QueueName", "FifoQueue")),
            Map.entry("AWS::SNS::Topic", Set.of("TopicName", "FifoTopic")),
            Map.entry("AWS::Logs::LogGroup", Set.of("LogGroupName")),
            Map.entry("AWS::RDS::DBInstance", Set.of("DBInstanceIdentifier", "Engine", "DBName", "StorageEncrypted", "KmsKeyId",
                    "CharacterSetName", "DBClusterIdentifier")),
            Map.entry("AWS::RDS::DBCluster", Set.of("DBClusterIdentifier", "Engine", "DatabaseName", "StorageEncrypted", "KmsKeyId")),
            Map.entry("AWS::Lambda::Function", Set.of("FunctionName")),
            Map.entry("AWS::IAM::Role", Set.of("RoleName", "Path")),
            Map.entry("AWS::Events::EventBus", Set.of("Name")),
            Map.entry("AWS::ECR::Repository", Set.of("RepositoryName")),
            Map.entry("AWS::KMS::Alias", Set.of("AliasName")),
            Map.entry("AWS::SecretsManager::Secret", Set.of("Name")),
            Map.entry("AWS::StepFunctions::StateMachine", Set.of("StateMachineName", "StateMachineType")),
            Map.entry("AWS::EC2::SecurityGroup", Set.of("GroupName", "GroupDescription", "VpcId")),
            Map.entry("AWS::ECS::Cluster", Set.of("ClusterName")),
            Map.entry("AWS::Kinesis::Stream", Set.of("Name")));

    /** The property that names the physical resource, where the type takes one. */
    private static final Map<String, String> NAME_PROPERTY = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", "TableName"), Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"), Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::RDS::DBInstance", "DBInstanceIdentifier"), Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::Events::EventBus", "Name"), Map.entry("AWS::ECR::Repository", "RepositoryName"),
            Map.entry("AWS::ECS::Cluster", "ClusterName"));

    private CreateOnlyProperties() {
    }

    static boolean requiresReplacement(String type, String property) {
        return BY_TYPE.getOrDefault(type, Set.of()).contains(property);
    }

    static Optional<String> nameProperty(String type) {
        return Optional.ofNullable(NAME_PROPERTY.get(type));
    }
}
