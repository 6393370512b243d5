package dev.caretaker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.local.functions.LocalFunction;
import dev.caretaker.testing.RepoRoot;
import dev.caretaker.testing.TestCredentials;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each handler wires itself from exactly the environment template.yaml gives its function: a
 * variable the code requires but the template forgets fails here, not at the first cold start
 * in a customer's account.
 */
class HandlerWiringTest {

    @Test
    void buildsEveryHandler_whenGivenOnlyItsTemplateEnvironment() throws Exception {
        Template template = Template.load(RepoRoot.find().resolve("template.yaml"));
        Map<String, Object> globals = variables(template.section("Globals").get("Function"));
        Map<String, Class<?>> kinds = new HashMap<>();
        for (Template.Resource function : template.resourcesOfType("AWS::Serverless::Function").values()) {
            Map<String, String> env = new HashMap<>();
            env.put("AWS_REGION", TestCredentials.REGION);
            globals.forEach((name, value) -> env.put(name, placeholder(template, name, value)));
            variables(function.properties()).forEach((name, value) -> env.put(name, placeholder(template, name, value)));
            String handlerClass = ((String) function.properties().get("Handler")).split("::")[0];
            AwsClientFactory clients = new AwsClientFactory(env, TestCredentials.provider());

            assertThatCode(() -> kinds.put(function.logicalId(),
                    LocalFunction.build(function.logicalId(), handlerClass, clients, Clock.systemUTC()).getClass()))
                    .as("%s (%s) with environment %s", function.logicalId(), handlerClass, env.keySet())
                    .doesNotThrowAnyException();
        }
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(
                "OrchestratorFunction", LocalFunction.Stream.class,
                "DeploymentWorkerFunction", LocalFunction.Json.class,
                "DriftWorkerFunction", LocalFunction.Sqs.class,
                "CostWorkerFunction", LocalFunction.Sqs.class,
                "BackupWorkerFunction", LocalFunction.Sqs.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Object properties) {
        if (!(properties instanceof Map<?, ?> map) || !(map.get("Environment") instanceof Map<?, ?> environment)
                || !(environment.get("Variables") instanceof Map<?, ?> variables)) {
            return Map.of();
        }
        return (Map<String, Object>) variables;
    }

    /**
     * Literal values stay; a Ref to a parameter with a default takes the default (what a deployment
     * without overrides gets); other intrinsics (resolved only at deploy time) become a plausible stand-in.
     */
    private static String placeholder(Template template, String name, Object value) {
        if (value instanceof String literal) {
            return literal;
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.get("Ref") instanceof String ref
                && template.parameters().containsKey(ref) && template.parameters().get(ref).get("Default") != null
                && !template.parameters().get(ref).get("Default").toString().isEmpty()) {
            return template.parameters().get(ref).get("Default").toString();
        }
        return name.endsWith("_STACKS") ? "app" : "placeholder-" + name.toLowerCase(java.util.Locale.ROOT);
    }
}
