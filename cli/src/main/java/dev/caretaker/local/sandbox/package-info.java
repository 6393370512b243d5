/**
 * The sandbox: {@link dev.caretaker.local.sandbox.SandboxAccount}, a labelled in-process stand-in
 * for the AWS APIs with no local engine (CloudFormation with change sets and deployments,
 * CloudWatch alarms, Cost Explorer, STS, IAM policy simulation, Service Quotas), scripted by a
 * {@link dev.caretaker.local.sandbox.SandboxScenario}: its stacks, its
 * {@link dev.caretaker.local.sandbox.DeploymentFault}s and its
 * {@link dev.caretaker.local.sandbox.AlarmRule}s. Nothing in it is real AWS; every answer says so
 * with {@code x-caretaker-sandbox: true}. What it emulates and where it differs from AWS:
 * docs/architecture.md, "Sandbox account".
 */
package dev.caretaker.local.sandbox;
