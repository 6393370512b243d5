package dev.caretaker.local.sandbox;

import java.util.UUID;

/**
 * The XML the AWS query protocol answers with ({@code <XResponse><XResult>...}, lists as
 * {@code <member>}, errors as {@code <ErrorResponse>}), written by hand: a handful of shapes
 * does not need an XML library.
 */
final class QueryXml {

    private final StringBuilder xml = new StringBuilder();

    QueryXml open(String name) {
        xml.append('<').append(name).append('>');
        return this;
    }

    QueryXml close(String name) {
        xml.append("</").append(name).append('>');
        return this;
    }

    QueryXml element(String name, String text) {
        if (text != null) {
            open(name);
            xml.append(escape(text));
            close(name);
        }
        return this;
    }

    @Override
    public String toString() {
        return xml.toString();
    }

    /** {@code <ActionResponse xmlns=...><ActionResult>result</ActionResult><ResponseMetadata>...</ActionResponse>}. */
    static String response(String action, String namespace, QueryXml result) {
        return "<" + action + "Response xmlns=\"" + namespace + "\"><" + action + "Result>" + result + "</" + action + "Result>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action + "Response>";
    }

    static String error(String namespace, String type, String code, String message) {
        return "<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>" + type + "</Type><Code>" + escape(code) + "</Code><Message>"
                + escape(message) + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
