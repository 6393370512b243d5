package dev.caretaker.deployment.prerequisites;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The IAM actions the deploy role needs to create, update and delete (for rollback) resources of a
 * type. A hand-kept table of the common types: guessing action names for other types would make
 * a simulation deny actions that do not exist, so unknown types are reported as not checked.
 */
public final class ResourceActions {

    private static final Map<String, List<String>> ACTIONS = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", List.of("dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable", "dynamodb:DescribeTable")),
            Map.entry("AWS::S3::Bucket", List.of("s3:CreateBucket", "s3:PutBucketTagging", "s3:DeleteBucket")),
            Map.entry("AWS::SQS::Queue", List.of("sqs:CreateQueue", "sqs:SetQueueAttributes", "sqs:GetQueueAttributes", "sqs:DeleteQueue")),
            Map.entry("AWS::SNS::Topic", List.of("sns:CreateTopic", "sns:SetTopicAttributes", "sns:DeleteTopic")),
            Map.entry("AWS::Logs::LogGroup", List.of("logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:DeleteLogGroup")),
            Map.entry("AWS::Lambda::Function", List.of("lambda:CreateFunction", "lambda:UpdateFunctionCode",
                    "lambda:UpdateFunctionConfiguration", "lambda:GetFunction", "lambda:DeleteFunction")),
            Map.entry("AWS::IAM::Role", List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:GetRole", "iam:DeleteRole")),
            Map.entry("AWS::KMS::Key", List.of("kms:CreateKey", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion")),
            Map.entry("AWS::RDS::DBInstance", List.of("rds:CreateDBInstance", "rds:ModifyDBInstance", "rds:DeleteDBInstance")),
            Map.entry("AWS::RDS::DBCluster", List.of("rds:CreateDBCluster", "rds:ModifyDBCluster", "rds:DeleteDBCluster")),
            Map.entry("AWS::EFS::FileSystem", List.of("elasticfilesystem:CreateFileSystem", "elasticfilesystem:DeleteFileSystem")),
            Map.entry("AWS::Events::Rule", List.of("events:PutRule", "events:PutTargets", "events:DeleteRule")),
            Map.entry("AWS::StepFunctions::StateMachine", List.of("states:CreateStateMachine", "states:UpdateStateMachine",
                    "states:DeleteStateMachine")),
            Map.entry("AWS::EC2::SecurityGroup", List.of("ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupIngress",
                    "ec2:DeleteSecurityGroup")));

    private ResourceActions() {
    }

    public record Needed(List<String> actions, List<String> uncheckedTypes) {
    }

    public static Needed forTypes(List<String> resourceTypes) {
        List<String> actions = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (String type : resourceTypes) {
            List<String> known = ACTIONS.get(type);
            if (known == null) {
                unchecked.add(type);
            } else {
                known.stream().filter(action -> !actions.contains(action)).forEach(actions::add);
            }
        }
        return new Needed(actions, unchecked);
    }
}
