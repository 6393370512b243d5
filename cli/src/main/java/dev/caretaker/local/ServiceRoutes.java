package dev.caretaker.local;

import dev.caretaker.local.engines.EngineEndpoints;
import dev.caretaker.local.standin.Notification;
import dev.caretaker.local.support.LocalStackSupport;
import dev.caretaker.local.support.StandInSupport;
import dev.caretaker.local.support.SupportServices;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who answers each AWS service the local functions call, by backend: the one table the local system
 * starts its support services and wires the functions' endpoint overrides by, and that its progress
 * output describes.
 *
 * <ul>
 *   <li>embedded: the engines for Caretaker's state, the stand-ins for SNS, Secrets Manager and SSM, the
 *       sandbox account for the account's APIs;</li>
 *   <li>localstack: LocalStack for everything it runs that Caretaker uses — DynamoDB, SQS, S3, SNS,
 *       Secrets Manager, SSM —; the account's APIs stay on the sandbox, because LocalStack's
 *       CloudFormation cannot play the scripted drift and deployment scenarios (drift, failures,
 *       rollbacks, alarms) and its Cost Explorer is in the Pro edition only;</li>
 *   <li>aws: the engines and the stand-ins, and the real account for its APIs.</li>
 * </ul>
 * In every backend EventBridge is the local bus and Step Functions the local interpreter: the functions
 * run in this process, and LocalStack's Step Functions would invoke Lambdas in LocalStack instead.
 */
final class ServiceRoutes {

    /** What can answer a service locally. */
    enum Answerer {
        ENGINE("the embedded engines"),
        LOCALSTACK("LocalStack"),
        STAND_IN("the in-process stand-ins"),
        SANDBOX("the sandbox account"),
        REAL_ACCOUNT("the real account"),
        EVENT_BUS("the local event bus"),
        STEP_FUNCTIONS("the local state machine interpreter");

        private final String description;

        Answerer(String description) {
            this.description = description;
        }
    }

    /** Caretaker's own state. */
    static final List<String> STATE = List.of("DYNAMODB", "SQS", "S3");
    /** Notifications, the webhook secret, the configuration parameter. */
    static final List<String> SUPPORT = List.of("SNS", "SECRETSMANAGER", "SSM");
    /** The APIs of the account Caretaker watches and changes: {@link AwsAccountAccess#ACCOUNT_SERVICES}, in the order named. */
    static final List<String> ACCOUNT = List.of("CLOUDFORMATION", "COST_EXPLORER", "STS", "CLOUDWATCH", "IAM", "SERVICE_QUOTAS", "KMS");

    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("DYNAMODB", "DynamoDB"), Map.entry("SQS", "SQS"),
            Map.entry("S3", "S3"), Map.entry("SNS", "SNS"), Map.entry("SECRETSMANAGER", "Secrets Manager"), Map.entry("SSM", "SSM"),
            Map.entry("CLOUDFORMATION", "CloudFormation"), Map.entry("COST_EXPLORER", "Cost Explorer"), Map.entry("STS", "STS"),
            Map.entry("CLOUDWATCH", "CloudWatch"), Map.entry("IAM", "IAM"), Map.entry("SERVICE_QUOTAS", "Service Quotas"),
            Map.entry("KMS", "KMS"), Map.entry("EVENTBRIDGE", "EventBridge"), Map.entry("SFN", "Step Functions"));

    private final Map<String, Answerer> table;
    private final Optional<URI> localStack;

    private ServiceRoutes(Map<String, Answerer> table, Optional<URI> localStack) {
        this.table = Collections.unmodifiableMap(table);
        this.localStack = localStack;
    }

    static ServiceRoutes of(LocalBackend backend) {
        Optional<URI> localStack = backend instanceof LocalBackend.LocalStack running ? Optional.of(running.endpoint()) : Optional.empty();
        Answerer state = localStack.isPresent() ? Answerer.LOCALSTACK : Answerer.ENGINE;
        Answerer support = localStack.isPresent() ? Answerer.LOCALSTACK : Answerer.STAND_IN;
        Answerer account = backend instanceof LocalBackend.Aws ? Answerer.REAL_ACCOUNT : Answerer.SANDBOX;
        Map<String, Answerer> table = new LinkedHashMap<>();
        STATE.forEach(service -> table.put(service, state));
        SUPPORT.forEach(service -> table.put(service, support));
        ACCOUNT.forEach(service -> table.put(service, account));
        table.put("EVENTBRIDGE", Answerer.EVENT_BUS);
        table.put("SFN", Answerer.STEP_FUNCTIONS);
        return new ServiceRoutes(table, localStack);
    }

    /** Service id ({@code AWS_ENDPOINT_URL_<id>}) → who answers it, in a fixed order. */
    Map<String, Answerer> table() {
        return table;
    }

    Answerer answerer(String serviceId) {
        Answerer answerer = table.get(serviceId);
        if (answerer == null) {
            throw new IllegalArgumentException("no route for service " + serviceId + "; routed: " + table.keySet());
        }
        return answerer;
    }

    /** The services {@code answerer} answers, as people name them: "DynamoDB, SQS and S3". */
    String servicesOf(Answerer answerer) {
        List<String> names = new ArrayList<>();
        table.forEach((service, by) -> {
            if (by == answerer) {
                names.add(NAMES.get(service));
            }
        });
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    /** Every answerer and what it answers, for the progress output. */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (Answerer answerer : new LinkedHashSet<>(table.values())) {
            String who = answerer == Answerer.LOCALSTACK ? "LocalStack at " + localStack.orElseThrow() : answerer.description;
            parts.add(who + " for " + servicesOf(answerer));
        }
        return String.join("; ", parts);
    }

    /**
     * Starts SNS, Secrets Manager and SSM where the table sends them: LocalStack's (the secret and
     * topic created there, the topic read back through a queue) or the in-process stand-ins.
     */
    SupportServices startSupportServices(LocalAccount account, Map<String, String> webhookSecrets, Clock clock,
                                         Consumer<Notification> onNotification, Consumer<String> problems) {
        return switch (answerer("SNS")) {
            case LOCALSTACK -> LocalStackSupport.start(localStack.orElseThrow(), LocalFunctionFactory.clients(account,
                    Map.of("AWS_ENDPOINT_URL", localStack.orElseThrow().toString())), webhookSecrets, clock, onNotification, problems);
            case STAND_IN -> StandInSupport.start(account, webhookSecrets, clock, onNotification);
            default -> throw new IllegalStateException("SNS cannot be answered by " + answerer("SNS").description);
        };
    }

    /**
     * The endpoint overrides ({@code AWS_ENDPOINT_URL_<SERVICE>}) every function gets, from what runs:
     * each service to where its answerer listens. A real account may have none (AWS itself); Step
     * Functions is added once its server runs. What runs must match the table, so a service never
     * silently reaches something other than its route says.
     *
     * @throws IllegalStateException when what runs does not match the table
     */
    Map<String, String> environment(EngineEndpoints engines, SupportServices support, URI bus, AwsAccountAccess account) {
        Map<String, String> environment = new LinkedHashMap<>();
        table.forEach((service, answerer) -> endpoint(service, answerer, engines, support, bus, account)
                .ifPresent(uri -> environment.put("AWS_ENDPOINT_URL_" + service, uri.toString())));
        return environment;
    }

    private Optional<URI> endpoint(String service, Answerer answerer, EngineEndpoints engines, SupportServices support, URI bus,
                                   AwsAccountAccess account) {
        Optional<URI> accountEndpoint = Optional.ofNullable(account.endpoints().get("AWS_ENDPOINT_URL_" + service)).map(URI::create);
        return switch (answerer) {
            case ENGINE -> Optional.of(engine(engines, service));
            case LOCALSTACK -> {
                URI served = STATE.contains(service) ? engine(engines, service) : support.endpoint();
                boolean matches = served.equals(localStack.orElseThrow())
                        && (STATE.contains(service) || support instanceof LocalStackSupport);
                require(matches, service, answerer, served);
                yield localStack;
            }
            case STAND_IN -> {
                require(support instanceof StandInSupport, service, answerer, support.endpoint());
                yield Optional.of(support.endpoint());
            }
            case SANDBOX -> {
                // Without an override the call would go to AWS itself: never from the sandbox's runs.
                require(accountEndpoint.isPresent() && !accountEndpoint.equals(localStack), service, answerer,
                        accountEndpoint.orElse(null));
                yield accountEndpoint;
            }
            case REAL_ACCOUNT -> accountEndpoint;
            case EVENT_BUS -> Optional.of(bus);
            case STEP_FUNCTIONS -> Optional.empty();
        };
    }

    private static URI engine(EngineEndpoints engines, String service) {
        return URI.create(engines.environment().get("AWS_ENDPOINT_URL_" + service));
    }

    private static void require(boolean matches, String service, Answerer answerer, URI found) {
        if (!matches) {
            throw new IllegalStateException(NAMES.get(service) + " is routed to " + answerer.description + ", but what runs for it"
                    + " answers at " + found);
        }
    }
}
