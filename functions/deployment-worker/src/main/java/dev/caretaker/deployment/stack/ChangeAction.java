package dev.caretaker.deployment.stack;

/** A resource change's action, as CloudFormation names them. */
public enum ChangeAction {
    ADD, MODIFY, REMOVE, IMPORT, DYNAMIC;

    static ChangeAction of(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
