package dev.caretaker.local.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * GetTemplate: the template body a stack runs (for a stack declared by its resources alone, the one
 * synthesized from them), or the one a change set proposes (ChangeSetName, an ARN or a name with
 * StackName), with the stages that can be asked for: both for a stack, Original alone for a change
 * set until it is created. The sandbox expands no transforms, so the Processed template is the
 * Original one; its change sets compare original templates too. Called under the stacks' lock.
 */
final class GetTemplateAction {

    private static final String ORIGINAL = "Original";
    private static final String PROCESSED = "Processed";
    private static final List<String> STAGES = List.of(ORIGINAL, PROCESSED);

    private final SandboxStacks stacks;

    GetTemplateAction(SandboxStacks stacks) {
        this.stacks = stacks;
    }

    QueryXml getTemplate(QueryRequest request) {
        // AWS returns the Processed template unless asked otherwise.
        String stage = request.optional("TemplateStage").orElse(PROCESSED);
        if (!STAGES.contains(stage)) {
            throw SandboxError.validation("1 validation error detected: Value '" + stage + "' at 'templateStage' failed to satisfy"
                    + " constraint: Member must satisfy enum value set: [" + ORIGINAL + ", " + PROCESSED + "]");
        }
        Optional<String> changeSetName = request.optional("ChangeSetName");
        String body;
        List<String> available;
        if (changeSetName.isPresent()) {
            SandboxChangeSet changeSet = stacks.changeSet(changeSetName.get(), request.optional("StackName"));
            boolean created = !changeSet.status().startsWith("CREATE_PENDING") && !changeSet.status().equals("CREATE_IN_PROGRESS");
            available = created ? STAGES : List.of(ORIGINAL);
            if (!available.contains(stage)) {
                throw SandboxError.validation("The " + PROCESSED + " template of ChangeSet [" + changeSet.id
                        + "] is not available until the change set is created; ask for the " + ORIGINAL + " one");
            }
            body = changeSet.target.template().body();
        } else {
            LiveStack stack = stacks.get(request.required("StackName"));
            if (stack.template == null) {
                throw SandboxError.validation("Stack " + stack.name + " is in " + stack.status + " state and has no template yet");
            }
            body = stack.template.body();
            available = STAGES;
        }
        QueryXml result = new QueryXml().element("TemplateBody", body).open("StagesAvailable");
        available.forEach(name -> result.element("member", name));
        return result.close("StagesAvailable");
    }
}
