package dev.caretaker.local.sandbox;

/**
 * Templates for the sandbox's deployment tests: release 1.5.0 of a small product stack and release
 * 1.6.0, which changes the table's key (replacement), the log retention (in place), adds a queue
 * and drops the bucket.
 */
final class SandboxTemplates {

    static final String RELEASE_1_5 = """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: Product stack, release 1.5.0
            Metadata:
              Caretaker::Release: "1.5.0"
            Parameters:
              Stage:
                Type: String
                AllowedValues: [dev, prod]
              RetentionDays:
                Type: Number
                Default: 14
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - {AttributeName: id, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Sub /app/${Stage}
                  RetentionInDays: !Ref RetentionDays
              Uploads:
                Type: AWS::S3::Bucket
            Outputs:
              OrdersTable:
                Value: !Ref Orders
              LogGroup:
                Value: !Sub /app/${Stage}
            """;

    static final String RELEASE_1_6 = """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: Product stack, release 1.6.0
            Metadata:
              Caretaker::Release: "1.6.0"
            Parameters:
              Stage:
                Type: String
                AllowedValues: [dev, prod]
              RetentionDays:
                Type: Number
                Default: 14
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - {AttributeName: id, AttributeType: S}
                    - {AttributeName: created, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
                    - {AttributeName: created, KeyType: RANGE}
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Sub /app/${Stage}
                  RetentionInDays: 30
              Jobs:
                Type: AWS::SQS::Queue
            Outputs:
              OrdersTable:
                Value: !Ref Orders
            """;

    /** 1.5.0 with one more tag on the bucket: an in-place change only. */
    static final String RELEASE_1_5_1 = RELEASE_1_5.replace("Product stack, release 1.5.0", "Product stack, release 1.5.1")
            .replace("  Uploads:\n    Type: AWS::S3::Bucket\n",
                    "  Uploads:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - {Key: release, Value: 1.5.1}\n");

    static final String WITH_NAMED_ROLE = """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Transform": "AWS::Serverless-2016-10-31",
              "Description": "Needs every capability",
              "Metadata": {"Caretaker::Quotas": [{"ServiceCode": "sqs", "QuotaCode": "L-1", "Required": 1}]},
              "Parameters": {
                "Stage": {"Type": "String", "AllowedValues": ["dev", "prod"], "Description": "Where it runs"},
                "Secret": {"Type": "String", "NoEcho": true, "Default": "hunter2"}
              },
              "Resources": {
                "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app-role", "AssumeRolePolicyDocument": {}}},
                "Queue": {"Type": "AWS::SQS::Queue"}
              }
            }
            """;

    private SandboxTemplates() {
    }
}
