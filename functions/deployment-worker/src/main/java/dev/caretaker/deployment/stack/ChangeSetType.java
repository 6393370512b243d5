package dev.caretaker.deployment.stack;

/** CREATE for a stack that does not exist yet (or only as an unexecuted change set), UPDATE otherwise. */
public enum ChangeSetType {
    CREATE, UPDATE
}
