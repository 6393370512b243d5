package dev.caretaker.bench.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.util.Arrays;

/** Median and spread of a sample, for results files that say how much the figures moved. */
public record Stats(int n, double median, double p25, double p75, double min, double max) {

    public static Stats of(double[] values) {
        if (values.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75),
                sorted[0], sorted[sorted.length - 1]);
    }

    /** Linear interpolation between closest ranks. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("n", n);
        json.put("median", round(median));
        json.put("p25", round(p25));
        json.put("p75", round(p75));
        json.put("min", round(min));
        json.put("max", round(max));
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
