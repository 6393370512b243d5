package dev.caretaker.deployment.stack;

/**
 * One reason a resource changes: which attribute or property, whether changing it recreates the
 * resource (Never, Conditionally, Always) and what caused it.
 */
public record ChangeDetail(String attribute, String name, String requiresRecreation, String changeSource, String evaluation) {
}
