package dev.neurolens.engine.onnxruntime.gradients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects the measured errors of a test class and prints them, with the largest per op. */
final class ErrorTable {
    private final String title;
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Double> worstByOp = new TreeMap<>();

    ErrorTable(String title) {
        this.title = title;
    }

    synchronized void add(String op, String line, double error) {
        lines.add(line);
        worstByOp.merge(op, error, (a, b) -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b));
    }

    synchronized void print() {
        StringBuilder b = new StringBuilder(title).append('\n');
        lines.forEach(l -> b.append("  ").append(l).append('\n'));
        worstByOp.forEach((op, e) -> b.append(String.format("  MAX %-20s %.2e%n", op, e)));
        System.out.print(b);
    }
}
