package dev.caretaker.backup;

/** Port: where backup objects go. */
public interface BackupStore {

    /** Stores {@code content} under {@code key}; returns a URI naming where it went. */
    String put(String key, byte[] content, String contentType);
}
