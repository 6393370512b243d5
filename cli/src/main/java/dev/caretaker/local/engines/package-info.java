/**
 * The embedded engines of the local runtime: {@link dev.caretaker.local.engines.LocalEngines}
 * starts DynamoDB Local, ElasticMQ (SQS) and s3proxy (S3) in this process on 127.0.0.1, reports
 * progress, gives their endpoints and stops them all.
 */
package dev.caretaker.local.engines;
