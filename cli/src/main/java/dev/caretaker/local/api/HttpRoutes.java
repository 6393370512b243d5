package dev.caretaker.local.api;

import dev.caretaker.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The HTTP API routes template.yaml gives its functions (SAM events of type HttpApi). */
public final class HttpRoutes {

    private HttpRoutes() {
    }

    public static List<HttpRoute> from(Template template) {
        List<HttpRoute> routes = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((logicalId, function) -> {
            if (!(function.properties().get("Events") instanceof Map<?, ?> events)) {
                return;
            }
            events.forEach((name, event) -> {
                if (event instanceof Map<?, ?> definition && "HttpApi".equals(definition.get("Type"))
                        && definition.get("Properties") instanceof Map<?, ?> properties) {
                    Object method = properties.get("Method");
                    Object path = properties.get("Path");
                    if (!(method instanceof String) || !(path instanceof String)) {
                        throw new IllegalArgumentException("template.yaml: " + logicalId + ".Events." + name
                                + ": an HttpApi event needs a literal Method and Path");
                    }
                    routes.add(new HttpRoute(((String) method).toUpperCase(java.util.Locale.ROOT), (String) path, logicalId));
                }
            });
        });
        return List.copyOf(routes);
    }
}
