package dev.caretaker.orchestrator.testing;

import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.deployments.DeploymentStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * {@link DeploymentStore} in a map, for unit tests of code around the store; the DynamoDB store's
 * own behaviour is tested on DynamoDB Local (DynamoDbDeploymentStoreIT), and the endpoints' on it too.
 */
public final class InMemoryDeploymentStore implements DeploymentStore {

    private final Map<String, Deployment> records = new ConcurrentHashMap<>();

    @Override
    public synchronized Deployment createIfAbsent(Deployment deployment) {
        return records.computeIfAbsent(deployment.id(), id -> deployment);
    }

    @Override
    public Optional<Deployment> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized Deployment update(String id, UnaryOperator<Deployment> change) {
        Deployment current = find(id).orElseThrow(() -> new NoSuchElementException("no deployment " + id));
        Deployment changed = change.apply(current);
        if (changed.equals(current)) {
            return current;
        }
        Deployment written = changed.nextRevision();
        records.put(id, written);
        return written;
    }

    @Override
    public List<Deployment> history(String stack, int limit) {
        return records.values().stream().filter(deployment -> deployment.stack().equals(stack))
                .sorted(Comparator.comparing(Deployment::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public Optional<Deployment> lastSucceeded(String stack) {
        return history(stack, Integer.MAX_VALUE).stream().filter(d -> d.status() == DeploymentStatus.SUCCEEDED).findFirst();
    }

    /** Puts a record as it is, as the workflow would have written it. */
    public void put(Deployment deployment) {
        records.put(deployment.id(), deployment);
    }
}
