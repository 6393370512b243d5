package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A state of a loaded definition: one record per supported state type, already validated. */
sealed interface State {

    String name();

    /** The ASL type name, as the history shows it. */
    String type();

    /** The states this one can lead to: Next, Default, Choice rules' and Catchers' Next. */
    List<String> successors();

    record Task(String name, TaskResource resource, PayloadTemplate parameters, PayloadTemplate resultSelector,
                ResultPath resultPath, DataSelection inputPath, DataSelection outputPath, List<Retrier> retriers,
                List<Catcher> catchers, Duration timeout, JsonPath timeoutPath, Transition transition) implements State {

        public Task {
            retriers = List.copyOf(retriers);
            catchers = List.copyOf(catchers);
        }

        @Override
        public String type() {
            return "Task";
        }

        @Override
        public List<String> successors() {
            List<String> next = new ArrayList<>(State.next(transition));
            catchers.forEach(catcher -> next.add(catcher.next()));
            return next;
        }
    }

    /** {@code result} is null when the definition has no Result field. */
    record Pass(String name, JsonNode result, PayloadTemplate parameters, ResultPath resultPath, DataSelection inputPath,
                DataSelection outputPath, Transition transition) implements State {

        @Override
        public String type() {
            return "Pass";
        }

        @Override
        public List<String> successors() {
            return State.next(transition);
        }
    }

    /** {@code defaultNext} is null when the definition has no Default. */
    record Choice(String name, List<ChoiceBranch> choices, String defaultNext, DataSelection inputPath,
                  DataSelection outputPath) implements State {

        public Choice {
            choices = List.copyOf(choices);
        }

        @Override
        public String type() {
            return "Choice";
        }

        @Override
        public List<String> successors() {
            List<String> next = new ArrayList<>(choices.stream().map(ChoiceBranch::next).toList());
            if (defaultNext != null) {
                next.add(defaultNext);
            }
            return next;
        }
    }

    record Wait(String name, WaitTime time, DataSelection inputPath, DataSelection outputPath, Transition transition)
            implements State {

        @Override
        public String type() {
            return "Wait";
        }

        @Override
        public List<String> successors() {
            return State.next(transition);
        }
    }

    record Succeed(String name, DataSelection inputPath, DataSelection outputPath) implements State {

        @Override
        public String type() {
            return "Succeed";
        }

        @Override
        public List<String> successors() {
            return List.of();
        }
    }

    /** Each of error and cause comes from the literal or from the path; both may be absent. */
    record Fail(String name, String error, JsonPath errorPath, String cause, JsonPath causePath) implements State {

        @Override
        public String type() {
            return "Fail";
        }

        @Override
        public List<String> successors() {
            return List.of();
        }
    }

    private static List<String> next(Transition transition) {
        return transition instanceof Transition.Next next ? List.of(next.state()) : List.of();
    }
}
