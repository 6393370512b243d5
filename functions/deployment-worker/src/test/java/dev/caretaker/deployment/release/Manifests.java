package dev.caretaker.deployment.release;

import java.nio.charset.StandardCharsets;

/** Manifest documents for tests. */
final class Manifests {

    static final byte[] TEMPLATE = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n"
            .getBytes(StandardCharsets.UTF_8);
    static final String TEMPLATE_SHA256 = Sha256.hex(TEMPLATE);

    private Manifests() {
    }

    static byte[] manifest(String version) {
        return manifest(version, false);
    }

    static byte[] manifest(String version, boolean rollback) {
        return ("""
                {
                  "stack": "app",
                  "version": "%s",
                  "template": {"location": "s3://vendor-releases/app/%s/template.yaml", "sha256": "%s"},
                  "parameters": {"InstanceType": "t3.small", "Stage": "prod"},
                  "capabilities": ["CAPABILITY_IAM"],
                  "rollback": %s
                }
                """).formatted(version, version, TEMPLATE_SHA256, rollback).getBytes(StandardCharsets.UTF_8);
    }
}
