package dev.caretaker.bench.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a figure ran on: the CPU, the cores and the load average. The machine is shared, so every
 * results file carries the load before and after its run.
 */
public record Machine(String cpu, int cores, long memoryMb, double load1, double load5) {

    public static Machine now() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown");
            String[] load = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            long memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                    .findFirst().map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(0L);
            return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memoryKb / 1024,
                    Double.parseDouble(load[0]), Double.parseDouble(load[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode toJson(Machine after) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("cpu", cpu);
        json.put("cores", cores);
        json.put("memoryMb", memoryMb);
        json.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        json.putArray("loadAverageBefore").add(load1).add(load5);
        json.putArray("loadAverageAfter").add(after.load1).add(after.load5);
        return json;
    }

    /** For results that only need the load: the 1- and 5-minute averages. */
    public List<Double> load() {
        return List.of(load1, load5);
    }
}
