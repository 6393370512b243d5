/**
 * The services the functions call that hold neither Caretaker's state nor the watched account's
 * resources: SNS (the notification topic), Secrets Manager (the webhook secret) and SSM (the
 * configuration parameter). {@link dev.caretaker.local.support.SupportServices} has two forms: the
 * in-process stand-ins ({@link dev.caretaker.local.support.StandInSupport}), and LocalStack's own
 * services ({@link dev.caretaker.local.support.LocalStackSupport}) with {@code --backend localstack}.
 */
package dev.caretaker.local.support;
