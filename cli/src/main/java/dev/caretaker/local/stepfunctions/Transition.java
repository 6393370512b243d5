package dev.caretaker.local.stepfunctions;

/** Where a Task, Pass or Wait state goes when it is done. */
sealed interface Transition {

    record Next(String state) implements Transition {
    }

    record End() implements Transition {
    }
}
