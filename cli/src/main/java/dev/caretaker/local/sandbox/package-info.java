/**
 * The sandbox: {@link dev.caretaker.local.sandbox.SandboxAccount}, a labelled in-process stand-in
 * for the AWS APIs with no local engine (CloudFormation, Cost Explorer, STS), scripted by a
 * {@link dev.caretaker.local.sandbox.SandboxScenario}. Nothing in it is real AWS; every answer
 * says so with {@code x-caretaker-sandbox: true}.
 */
package dev.caretaker.local.sandbox;
