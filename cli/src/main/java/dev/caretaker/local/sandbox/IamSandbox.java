package dev.caretaker.local.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's IAM: SimulatePrincipalPolicy answers allowed for every action but those the
 * scenario denies (implicitDeny), for any principal. No policy is evaluated.
 */
final class IamSandbox {

    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final Set<String> denied;

    IamSandbox(Set<String> denied) {
        this.denied = Set.copyOf(denied);
    }

    SandboxResponse handle(String action, Map<String, String> parameters) {
        QueryRequest request = new QueryRequest(parameters);
        try {
            if (!action.equals("SimulatePrincipalPolicy")) {
                throw SandboxError.of("InvalidAction", "the Caretaker sandbox does not implement IAM " + action);
            }
            request.required("PolicySourceArn");
            List<String> actions = request.list("ActionNames");
            if (actions.isEmpty()) {
                throw SandboxError.of("ValidationError", "1 validation error detected: Value null at 'actionNames' failed to satisfy"
                        + " constraint: Member must not be null");
            }
            QueryXml result = new QueryXml().element("IsTruncated", "false").open("EvaluationResults");
            for (String name : actions) {
                result.open("member")
                        .element("EvalActionName", name)
                        .element("EvalResourceName", "*")
                        .element("EvalDecision", denied.contains(name) ? "implicitDeny" : "allowed")
                        .open("MatchedStatements").close("MatchedStatements")
                        .open("MissingContextValues").close("MissingContextValues")
                        .close("member");
            }
            result.close("EvaluationResults");
            return SandboxResponse.xml(200, QueryXml.response(action, NAMESPACE, result));
        } catch (SandboxError e) {
            return e.xml(NAMESPACE);
        }
    }

    static SandboxResponse failure(InjectedFailure.Kind kind) {
        return switch (kind) {
            case THROTTLING -> SandboxResponse.xml(400, QueryXml.error(NAMESPACE, "Sender", "Throttling", "Rate exceeded"));
            case INTERNAL_ERROR -> SandboxResponse.xml(500, QueryXml.error(NAMESPACE, "Receiver", "ServiceFailure",
                    "injected by the Caretaker sandbox scenario"));
        };
    }
}
