package dev.caretaker.config;

import java.util.List;
import java.util.Map;

/**
 * Version 1 to 2: {@code cost.budget} becomes {@code cost.monthlyBudget}. "budget" left the period
 * to guess; every budget Caretaker checks is a calendar month's, and the name now says so.
 */
final class RenameCostBudget implements Migration {

    @Override
    public int from() {
        return 1;
    }

    @Override
    public String description() {
        return "cost.budget is renamed cost.monthlyBudget";
    }

    @Override
    public Map<String, String> renamedKeys() {
        return Map.of("cost.budget", "monthlyBudget");
    }

    @Override
    public List<Rename> renames(ConfigNode root) {
        return Nodes.at(root, "cost").flatMap(Nodes::map).map(cost -> {
            ConfigNode.Member budget = cost.members().get("budget");
            if (budget == null) {
                return List.<Rename>of();
            }
            ConfigNode.Member monthly = cost.members().get("monthlyBudget");
            if (monthly != null) {
                throw new Blocked(monthly.keyLocation(), "cost has both budget (line " + budget.keyLocation().line()
                        + ") and monthlyBudget; keep one of them and migrate again");
            }
            return List.of(new Rename("cost.budget", budget.keyLocation(), "budget", "monthlyBudget"));
        }).orElse(List.of());
    }
}
