package dev.caretaker.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Recorded AWS responses kept under {@code src/test/resources/wire/}, with ${name} placeholders
 * for the values a scenario varies (stack name, detection id, status).
 */
public final class WireFixtures {

    private WireFixtures() {
    }

    public static String load(String path, Map<String, String> values) {
        String text;
        try (InputStream in = WireFixtures.class.getClassLoader().getResourceAsStream("wire/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no wire fixture wire/" + path);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> entry : values.entrySet()) {
            text = text.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        if (text.contains("${")) {
            throw new IllegalArgumentException("wire/" + path + " has placeholders left unfilled: " + values.keySet());
        }
        return text;
    }

    public static String load(String path) {
        return load(path, Map.of());
    }
}
