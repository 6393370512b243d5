package dev.caretaker.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** How a command prints data: aligned columns for people, or the API's JSON for scripts. */
public enum OutputFormat {
    TABLE,
    JSON;

    public static OutputFormat parse(String value) {
        for (OutputFormat format : values()) {
            if (format.name().equalsIgnoreCase(value.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not an output format: expected table or json");
    }

    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Lower-case values on the command line, as users type them. */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** For help text and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(TABLE.optionValue(), JSON.optionValue()).iterator();
        }
    }
}
