package dev.caretaker.local.stepfunctions;

/**
 * A state machine definition the local interpreter will not run: malformed, inconsistent, or using
 * an ASL feature it does not implement. Raised at load so that an unsupported feature never
 * surfaces halfway through an execution. The message is {@code <source>: <location>: <reason>}, the
 * location being the definition path of the offending element, e.g. {@code States.Begin.Parameters}.
 */
public final class InvalidDefinitionException extends RuntimeException {

    private final String source;
    private final String location;
    private final String reason;

    public InvalidDefinitionException(String source, String location, String reason) {
        super(source + ": " + location + ": " + reason);
        this.source = source;
        this.location = location;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public String location() {
        return location;
    }

    public String reason() {
        return reason;
    }
}
