package dev.caretaker.drift;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The configuration's globs over dotted names ({@code Tags.*}, {@code AWS::Lambda::*},
 * {@code **.KmsKeyId}): {@code *} is any run of characters except '.', {@code **} is anything,
 * and {@code **.} at a segment boundary may also match nothing, so {@code **.Tags} matches
 * {@code Tags} too. Everything else is literal.
 */
public record Glob(String pattern) {

    public Glob {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("a glob must not be empty");
        }
        if (pattern.contains("***")) {
            throw new IllegalArgumentException("'" + pattern + "' holds '***': use '*' (within a segment) or '**' (anything)");
        }
    }

    public boolean matches(String value) {
        return value != null && regex().matcher(value).matches();
    }

    /**
     * Whether the glob matches the dotted path or one of its ancestors: a rule for {@code Tags.*}
     * covers {@code Tags.0.Value}, because ignoring a property ignores what lies inside it.
     */
    public boolean matchesPathOrAncestor(String dottedPath) {
        if (dottedPath == null) {
            return false;
        }
        Pattern regex = regex();
        String candidate = dottedPath;
        while (true) {
            if (regex.matcher(candidate).matches()) {
                return true;
            }
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return false;
            }
            candidate = candidate.substring(0, dot);
        }
    }

    private Pattern regex() {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**.", i)) {
                regex.append("(?:.*\\.)?");
                i += 3;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^.]*");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return pattern;
    }
}
