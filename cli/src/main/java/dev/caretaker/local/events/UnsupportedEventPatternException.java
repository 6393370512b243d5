package dev.caretaker.local.events;

/**
 * An event pattern uses EventBridge syntax the local bus does not implement. Matching it wrongly
 * would route events where AWS would not, so the rule is refused when it is read.
 */
public final class UnsupportedEventPatternException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnsupportedEventPatternException(String message) {
        super(message);
    }
}
