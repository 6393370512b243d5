package dev.caretaker.drift.report;

import java.util.Set;

/**
 * Resource types that hold data Caretaker cannot put back: deleting one outside CloudFormation is
 * critical, and remediation never recreates one on its own (a fresh, empty resource is not the
 * one that was lost).
 */
public final class StatefulTypes {

    private static final Set<String> TYPES = Set.of(
            "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable",
            "AWS::S3::Bucket",
            "AWS::RDS::DBInstance", "AWS::RDS::DBCluster",
            "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster",
            "AWS::Redshift::Cluster",
            "AWS::EFS::FileSystem", "AWS::FSx::FileSystem",
            "AWS::EC2::Volume",
            "AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster",
            "AWS::MemoryDB::Cluster",
            "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain",
            "AWS::Kinesis::Stream",
            "AWS::SQS::Queue",
            "AWS::Logs::LogGroup",
            "AWS::Cognito::UserPool",
            "AWS::KMS::Key",
            "AWS::SecretsManager::Secret",
            "AWS::Backup::BackupVault",
            "AWS::Timestream::Table");

    private StatefulTypes() {
    }

    public static boolean isStateful(String resourceType) {
        return TYPES.contains(resourceType);
    }
}
