package dev.caretaker.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingWebhookSecretsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T03:00:00Z"));

    /** Answers from a script and remembers every question. */
    private static final class ScriptedSecrets implements WebhookSecrets {
        final List<String> asked = new ArrayList<>();
        final Deque<SecretLookup> answers = new ArrayDeque<>();

        @Override
        public SecretLookup secretsFor(String source) {
            asked.add(source);
            return answers.isEmpty() ? new SecretLookup.Found(List.of("s-" + source)) : answers.pop();
        }
    }

    private final ScriptedSecrets store = new ScriptedSecrets();
    private final CachingWebhookSecrets cache = new CachingWebhookSecrets(store, Duration.ofMinutes(5), clock);

    @Test
    void asksOnce_whenSecondCallIsWithinTtl() {
        SecretLookup first = cache.secretsFor("caretaker");
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        SecretLookup second = cache.secretsFor("caretaker");

        assertThat(second).isEqualTo(first);
        assertThat(store.asked).containsExactly("caretaker");
    }

    @Test
    void asksAgain_whenTtlHasPassed() {
        cache.secretsFor("caretaker");
        clock.advance(Duration.ofMinutes(5));
        store.answers.add(new SecretLookup.Found(List.of("rotated")));

        assertThat(cache.secretsFor("caretaker")).isEqualTo(new SecretLookup.Found(List.of("rotated")));
        assertThat(store.asked).containsExactly("caretaker", "caretaker");
    }

    @Test
    void cachesEachSourceSeparately_whenSeveralAreAsked() {
        cache.secretsFor("caretaker");
        cache.secretsFor("github");
        cache.secretsFor("github");

        assertThat(store.asked).containsExactly("caretaker", "github");
    }

    @Test
    void remembersUnknownSource_whenStoreSaysItHasNone() {
        store.answers.add(new SecretLookup.UnknownSource());

        cache.secretsFor("nobody");
        SecretLookup again = cache.secretsFor("nobody");

        assertThat(again).isInstanceOf(SecretLookup.UnknownSource.class);
        assertThat(store.asked).containsExactly("nobody");
    }

    @Test
    void asksAgainAtOnce_whenStoreWasUnavailable() {
        store.answers.add(new SecretLookup.Unavailable("throttled"));

        assertThat(cache.secretsFor("caretaker")).isInstanceOf(SecretLookup.Unavailable.class);
        assertThat(cache.secretsFor("caretaker")).isInstanceOf(SecretLookup.Found.class);
        assertThat(store.asked).hasSize(2);
    }

    @Test
    void staysBounded_whenManySourcesAreAsked() {
        for (int i = 0; i < 200; i++) {
            cache.secretsFor("source-" + i);
        }
        cache.secretsFor("source-199");

        assertThat(store.asked).hasSize(200);
    }
}
