package dev.caretaker.local.stepfunctions;

/** A top-level Choice rule: its condition and the state it leads to. */
record ChoiceBranch(Condition condition, String next) {
}
