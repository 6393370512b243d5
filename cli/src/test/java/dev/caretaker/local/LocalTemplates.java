package dev.caretaker.local;

import dev.caretaker.local.resources.TemplateParameters;
import dev.caretaker.template.CloudFormationYaml;
import dev.caretaker.template.Template;
import dev.caretaker.testing.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The repository's template.yaml and small inline templates, with the parameters the local tests use. */
public final class LocalTemplates {

    public static final Map<String, String> PARAMETERS = Map.of("CustomerId", "acme", "ManagedStackPrefix", "app");

    private LocalTemplates() {
    }

    public static Template repositoryTemplate() {
        try {
            return Template.load(RepoRoot.find().resolve("template.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TemplateParameters parameters(Template template) {
        return TemplateParameters.resolve(template, PARAMETERS, LocalClients.ACCOUNT, "caretaker-local");
    }

    public static Template inline(String yaml) {
        return new Template(CloudFormationYaml.parse(yaml, "inline.yaml"));
    }
}
