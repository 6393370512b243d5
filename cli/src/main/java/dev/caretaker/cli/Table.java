package dev.caretaker.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Text in aligned columns, two spaces apart; the last column is not padded, so a long value there
 * (an error message) does not push trailing blanks into every line.
 *
 * @param headers empty for a table without a header line (the field/value view of one job)
 */
public record Table(List<String> headers, List<List<String>> rows) {

    static final String NONE = "-";

    public Table {
        headers = List.copyOf(headers);
        List<List<String>> copied = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>(row.size());
            row.forEach(cell -> cells.add(cell == null || cell.isEmpty() ? NONE : oneLine(cell)));
            copied.add(Collections.unmodifiableList(cells));
        }
        rows = List.copyOf(copied);
    }

    public String render() {
        List<List<String>> lines = new ArrayList<>();
        if (!headers.isEmpty()) {
            lines.add(headers);
        }
        lines.addAll(rows);
        int columns = lines.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                if (i > 0) {
                    row.append("  ");
                }
                row.append(line.get(i));
                if (i < line.size() - 1) {
                    row.append(" ".repeat(widths[i] - line.get(i).length()));
                }
            }
            text.append(row.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }

    /** At most {@code max} characters, the last of them an ellipsis when anything was cut. */
    static String truncate(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }

    private static String oneLine(String value) {
        return value.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
