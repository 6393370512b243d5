package dev.caretaker.orchestrator.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps each source's secrets for a while: every webhook would otherwise cost a paid, throttled
 * Secrets Manager or SSM call and tens of milliseconds.
 *
 * <p>"No such source" is cached too, so a flood of requests to made-up sources cannot turn into a
 * flood of secret-store calls; failures are not, so the next request tries again. A rotated secret
 * takes effect within the TTL, which is why senders sign with both secrets during a rotation.
 */
public final class CachingWebhookSecrets implements WebhookSecrets {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    // Source names are validated before lookup, but the cache must stay bounded whatever callers send.
    private static final int MAX_ENTRIES = 64;

    private final WebhookSecrets delegate;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(SecretLookup lookup, Instant expires) {
    }

    public CachingWebhookSecrets(WebhookSecrets delegate, Duration ttl, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized SecretLookup secretsFor(String source) {
        Instant now = clock.instant();
        Entry cached = entries.get(source);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.lookup();
        }
        SecretLookup fresh = delegate.secretsFor(source);
        if (fresh instanceof SecretLookup.Found || fresh instanceof SecretLookup.UnknownSource) {
            makeRoom(now);
            entries.put(source, new Entry(fresh, now.plus(ttl)));
        } else {
            entries.remove(source);
        }
        return fresh;
    }

    private void makeRoom(Instant now) {
        if (entries.size() < MAX_ENTRIES) {
            return;
        }
        entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
        Iterator<String> oldest = entries.keySet().iterator();
        while (entries.size() >= MAX_ENTRIES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
