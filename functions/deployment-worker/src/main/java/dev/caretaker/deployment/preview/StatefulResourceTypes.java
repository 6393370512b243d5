package dev.caretaker.deployment.preview;

import java.util.Map;
import java.util.Optional;

/**
 * Resource types that hold data a replacement or removal destroys, each with what is lost. A
 * replacement creates a new physical resource and deletes the old one, so for these types it is a
 * data-loss event unless the template retains the old one (DeletionPolicy/UpdateReplacePolicy:
 * Retain or Snapshot), which a change set does not show: Caretaker errs on the side of asking.
 */
public final class StatefulResourceTypes {

    private static final Map<String, String> LOSES = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", "its items"),
            Map.entry("AWS::DynamoDB::GlobalTable", "its items in every replica"),
            Map.entry("AWS::S3::Bucket", "its objects"),
            Map.entry("AWS::RDS::DBInstance", "its database"),
            Map.entry("AWS::RDS::DBCluster", "its database"),
            Map.entry("AWS::DocDB::DBCluster", "its database"),
            Map.entry("AWS::Neptune::DBCluster", "its graph database"),
            Map.entry("AWS::Redshift::Cluster", "its warehouse data"),
            Map.entry("AWS::EFS::FileSystem", "its files"),
            Map.entry("AWS::FSx::FileSystem", "its files"),
            Map.entry("AWS::EC2::Volume", "its disk contents"),
            Map.entry("AWS::KMS::Key", "the ability to decrypt anything encrypted under it"),
            Map.entry("AWS::Logs::LogGroup", "its retained log events"),
            Map.entry("AWS::SQS::Queue", "the messages waiting in it"),
            Map.entry("AWS::Kinesis::Stream", "the records it retains"),
            Map.entry("AWS::ElastiCache::ReplicationGroup", "its cached data and snapshots' continuity"),
            Map.entry("AWS::OpenSearchService::Domain", "its indexes"),
            Map.entry("AWS::Elasticsearch::Domain", "its indexes"),
            Map.entry("AWS::Cognito::UserPool", "its users and their passwords"),
            Map.entry("AWS::SecretsManager::Secret", "its secret value"),
            Map.entry("AWS::Backup::BackupVault", "its recovery points"),
            Map.entry("AWS::ECR::Repository", "its images"),
            Map.entry("AWS::Timestream::Table", "its time series"));

    private StatefulResourceTypes() {
    }

    /** What a replacement or removal of this type loses; empty for a type holding no data. */
    public static Optional<String> loses(String resourceType) {
        return Optional.ofNullable(LOSES.get(resourceType));
    }

    public static boolean isStateful(String resourceType) {
        return LOSES.containsKey(resourceType);
    }
}
