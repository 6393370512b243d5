package dev.caretaker.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * On prod, a layer above the base may make approval stricter, never looser: a stack the base
 * deploys only with approval must not become {@code auto} in environments/prod.yaml or an
 * override. The problem points at the {@code auto} where it was written.
 */
final class ApprovalRule {

    static final String PROD = "prod";

    private ApprovalRule() {
    }

    static List<ConfigProblem> check(ConfigNode base, ConfigNode effective) {
        if (!Nodes.text(Nodes.at(effective, "environment")).filter(PROD::equals).isPresent()) {
            return List.of();
        }
        Map<Location, ConfigProblem> problems = new LinkedHashMap<>();
        Optional<ConfigNode.ConfigScalar> baseDefault = Nodes.scalar(Nodes.at(base, "deployment", "approval"));
        Optional<ConfigNode.ConfigScalar> effectiveDefault = Nodes.scalar(Nodes.at(effective, "deployment", "approval"));
        loosened(effectiveDefault, baseDefault, "deployment.approval").ifPresent(p -> problems.put(p.location(), p));

        List<ConfigNode> baseStacks = Nodes.items(Nodes.at(base, "deployment", "stacks"));
        List<ConfigNode> stacks = Nodes.items(Nodes.at(effective, "deployment", "stacks"));
        for (int i = 0; i < stacks.size(); i++) {
            ConfigNode stack = stacks.get(i);
            Optional<String> name = Nodes.text(Nodes.at(stack, "name"));
            if (name.isEmpty()) {
                continue;
            }
            Optional<ConfigNode.ConfigScalar> own = Nodes.scalar(Nodes.at(stack, "approval"));
            Optional<ConfigNode.ConfigScalar> baseOwn = baseStacks.stream()
                    .filter(candidate -> Nodes.text(Nodes.at(candidate, "name")).equals(name))
                    .findFirst()
                    .flatMap(candidate -> Nodes.scalar(Nodes.at(candidate, "approval")));
            String path = own.isPresent() ? "deployment.stacks[" + i + "].approval" : "deployment.approval";
            loosened(own.or(() -> effectiveDefault), baseOwn.or(() -> baseDefault), path)
                    .ifPresent(p -> problems.putIfAbsent(p.location(), p));
        }
        return new ArrayList<>(problems.values());
    }

    private static Optional<ConfigProblem> loosened(Optional<ConfigNode.ConfigScalar> now, Optional<ConfigNode.ConfigScalar> base, String path) {
        if (now.isEmpty() || base.isEmpty() || !"auto".equals(now.get().value()) || !"required".equals(base.get().value())) {
            return Optional.empty();
        }
        Location required = base.get().location();
        return Optional.of(new ConfigProblem(now.get().location(), path, "approval 'auto' on prod, but the base requires approval ("
                + required.file() + ":" + required.line() + "); prod may only be stricter than the base"));
    }
}
