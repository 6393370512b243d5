package dev.caretaker.orchestrator.api;

import dev.caretaker.config.ConfigProblem;
import dev.caretaker.config.ConfigProvider;
import dev.caretaker.config.ConfigUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /config}: which configuration version is in force, where it came from, and the latest
 * version that was rejected since, with its problems. After
 * pushing a new version an operator can see whether it was taken (a rejected one leaves the old
 * version here, and the rejection in the notification and the ConfigRejected alarm).
 */
public final class ConfigEndpoint {

    private final Optional<ConfigProvider> provider;

    public ConfigEndpoint(Optional<ConfigProvider> provider) {
        this.provider = provider;
    }

    public static ConfigEndpoint none() {
        return new ConfigEndpoint(Optional.empty());
    }

    public HttpResponse get() {
        if (provider.isEmpty()) {
            return HttpResponse.notFound("no configuration source: CONFIG_PARAMETER is not set for this function");
        }
        try {
            ConfigProvider.Active active = provider.get().active();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("source", provider.get().source());
            body.put("version", active.version());
            body.put("loadedAt", active.loadedAt().toString());
            body.put("customer", active.config().customer().id());
            body.put("environment", active.config().environment());
            body.put("schemaVersion", active.config().schemaVersion());
            provider.get().lastRejection().ifPresent(rejection -> body.put("rejected", rejected(rejection)));
            return HttpResponse.json(200, body);
        } catch (ConfigUnavailableException e) {
            return HttpResponse.unavailable(e.getMessage());
        }
    }

    private static Map<String, Object> rejected(ConfigProvider.Rejection rejection) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", rejection.version());
        body.put("at", rejection.at().toString());
        body.put("problems", rejection.problems().stream().map(ConfigProblem::toString).toList());
        return body;
    }
}
