package dev.caretaker.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replacements of a few characters at known line and column positions of a text, applied together. */
final class TextEdits {

    private record Edit(int offset, int length, String replacement) {
    }

    /** The text at a location is not what an edit expected there. */
    static final class CannotEdit extends RuntimeException {
        private final Location location;

        CannotEdit(Location location, String message) {
            super(message);
            this.location = location;
        }

        Location location() {
            return location;
        }
    }

    private final String text;
    private final List<Edit> edits = new ArrayList<>();

    TextEdits(String text) {
        this.text = text;
    }

    /** A mapping key written plain, 'single-quoted' or "double-quoted". */
    void replaceKey(Location location, String oldKey, String newKey) {
        int offset = offset(location);
        if (text.startsWith(oldKey, offset)) {
            edits.add(new Edit(offset, oldKey.length(), newKey));
        } else if ((text.startsWith("\"" + oldKey + "\"", offset) || text.startsWith("'" + oldKey + "'", offset))) {
            edits.add(new Edit(offset + 1, oldKey.length(), newKey));
        } else {
            throw new CannotEdit(location, "key '" + oldKey + "' is written in a form migrate cannot rewrite"
                    + " (escaped or split); rename it to '" + newKey + "' by hand");
        }
    }

    /** A plain scalar such as {@code 1}. */
    void replaceScalar(Location location, String oldText, String newText) {
        int offset = offset(location);
        if (!text.startsWith(oldText, offset)) {
            throw new CannotEdit(location, "'" + oldText + "' is not written plainly here; change it to " + newText + " by hand");
        }
        edits.add(new Edit(offset, oldText.length(), newText));
    }

    String apply() {
        StringBuilder result = new StringBuilder(text);
        edits.stream().sorted(Comparator.comparingInt(Edit::offset).reversed())
                .forEach(edit -> result.replace(edit.offset(), edit.offset() + edit.length(), edit.replacement()));
        return result.toString();
    }

    /** Line and column (1-based, columns in code points as SnakeYAML counts them) to a string offset. */
    private int offset(Location location) {
        int lineStart = 0;
        for (int line = 1; line < location.line(); line++) {
            int next = nextLineStart(lineStart);
            if (next < 0) {
                throw new CannotEdit(location, "no line " + location.line());
            }
            lineStart = next;
        }
        try {
            return text.offsetByCodePoints(lineStart, location.column() - 1);
        } catch (IndexOutOfBoundsException e) {
            throw new CannotEdit(location, "no column " + location.column() + " on line " + location.line());
        }
    }

    private int nextLineStart(int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }
}
