package dev.caretaker.local.stepfunctions;

/**
 * What the parser raises deep inside a definition; the loader adds the source and turns it into an
 * {@link InvalidDefinitionException}, so parser code need not carry the file name around.
 */
final class DefinitionProblem extends RuntimeException {

    private final String location;
    private final String reason;

    DefinitionProblem(String location, String reason) {
        super(location + ": " + reason);
        this.location = location;
        this.reason = reason;
    }

    String location() {
        return location;
    }

    String reason() {
        return reason;
    }
}
