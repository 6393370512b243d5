package dev.caretaker.deployment.preview;

import dev.caretaker.deployment.stack.ChangeDetail;
import dev.caretaker.deployment.stack.ChangeSet;
import dev.caretaker.deployment.stack.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Classifies a change set. A change is risky when it may destroy data: a stateful resource
 * ({@link StatefulResourceTypes}) that is removed, replaced, or possibly replaced (Conditional:
 * CloudFormation decides while executing), or whose change cannot be known before execution
 * (Dynamic). Everything else — adds, in-place modifications, replacing stateless resources — is
 * routine.
 */
public final class PreviewClassifier {

    private PreviewClassifier() {
    }

    public static Preview classify(ChangeSet changeSet) {
        List<ClassifiedChange> classified = new ArrayList<>();
        for (ResourceChange change : changeSet.changes()) {
            classified.add(classify(change));
        }
        return new Preview(changeSet.stackName(), changeSet.changeSetName(), classified);
    }

    static ClassifiedChange classify(ResourceChange change) {
        Optional<String> loses = StatefulResourceTypes.loses(change.resourceType());
        if (loses.isEmpty()) {
            return new ClassifiedChange(change, false, false, List.of());
        }
        String subject = change.logicalId() + " (" + change.resourceType() + ")";
        String reason = switch (change.action()) {
            case REMOVE -> subject + " is removed: " + loses.get() + " will be deleted unless the template retains it";
            case MODIFY -> switch (change.replacement()) {
                case TRUE -> subject + " is replaced" + causes(change, "Always") + ": a new one is created and the old one"
                        + " deleted with " + loses.get();
                case CONDITIONAL -> subject + " may be replaced" + causes(change, "Conditionally")
                        + ": if CloudFormation replaces it, the old one is deleted with " + loses.get();
                case FALSE, NOT_APPLICABLE -> null;
            };
            case DYNAMIC -> subject + " changes in a way CloudFormation only decides while executing; it may lose " + loses.get();
            case ADD, IMPORT -> null;
        };
        return reason == null
                ? new ClassifiedChange(change, true, false, List.of())
                : new ClassifiedChange(change, true, true, List.of(reason));
    }

    /** " (KeySchema changes)" from the details that require recreation as given, or nothing if none say so. */
    private static String causes(ResourceChange change, String requiresRecreation) {
        List<String> names = change.details().stream()
                .filter(detail -> requiresRecreation.equals(detail.requiresRecreation()) || "Always".equals(detail.requiresRecreation()))
                .map(ChangeDetail::name).filter(name -> name != null && !name.isEmpty()).distinct().toList();
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + " changed)";
    }
}
