package dev.caretaker.local.sandbox;

/** The sandbox's STS: GetCallerIdentity says who the caller is, the sandbox's own account and user. */
final class StsSandbox {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final String accountId;

    StsSandbox(String accountId) {
        this.accountId = accountId;
    }

    SandboxResponse handle(String action) {
        if (!action.equals("GetCallerIdentity")) {
            return SandboxResponse.xml(400, QueryXml.error(NAMESPACE, "Sender", "InvalidAction",
                    "the Caretaker sandbox does not implement STS " + action));
        }
        QueryXml result = new QueryXml()
                .element("Arn", "arn:aws:iam::" + accountId + ":user/caretaker-sandbox")
                .element("UserId", "AIDACARETAKERSANDBOX")
                .element("Account", accountId);
        return SandboxResponse.xml(200, QueryXml.response("GetCallerIdentity", NAMESPACE, result));
    }

    static SandboxResponse failure(InjectedFailure.Kind kind) {
        return switch (kind) {
            case THROTTLING -> SandboxResponse.xml(400, QueryXml.error(NAMESPACE, "Sender", "Throttling", "Rate exceeded"));
            case INTERNAL_ERROR -> SandboxResponse.xml(500, QueryXml.error(NAMESPACE, "Receiver", "InternalFailure",
                    "injected by the Caretaker sandbox scenario"));
        };
    }
}
