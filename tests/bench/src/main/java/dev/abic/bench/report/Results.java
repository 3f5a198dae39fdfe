package dev.abic.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * JMH's JSON results, indexed by benchmark ({@code Class.method}, or {@code Class.group} for
 * asymmetric benchmarks) and parameters.
 */
public final class Results {
    /** One score: its value, the half-width of its 99.9% confidence interval, its unit, its percentiles. */
    public record Score(double value, double error, String unit, Map<String, Double> percentiles) {
        public double percentile(String p) {
            Double v = percentiles.get(p);
            if (v == null) {
                throw new IllegalArgumentException("no percentile " + p + " in " + percentiles.keySet());
            }
            return v;
        }
    }

    private final Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();

    public Results(Object jmhJson) {
        for (Object entry : Json.array(jmhJson)) {
            Map<String, Object> result = Json.object(entry);
            String name = (String) result.get("benchmark");
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Map<String, Object> params = result.get("params") == null ? Map.of() : Json.object(result.get("params"));
            byKey.put(key(shortName, params), result);
        }
    }

    private static String key(String benchmark, Map<String, ?> params) {
        return benchmark + new TreeMap<>(params);
    }

    /** The primary score of {@code benchmark} ("FieldAccessBench.readAbic") with {@code params} (name, value pairs). */
    public Score primary(String benchmark, String... params) {
        return score(Json.object(result(benchmark, params).get("primaryMetric")));
    }

    public boolean has(String benchmark, String... params) {
        return byKey.containsKey(key(benchmark, pairs(params)));
    }

    private Map<String, Object> result(String benchmark, String... params) {
        return Optional.ofNullable(byKey.get(key(benchmark, pairs(params)))).orElseThrow(
                () -> new IllegalArgumentException("no result for " + benchmark + " " + List.of(params) + " in " + byKey.keySet()));
    }

    private static Map<String, String> pairs(String... params) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return map;
    }

    private static Score score(Map<String, Object> metric) {
        Map<String, Double> percentiles = new LinkedHashMap<>();
        if (metric.get("scorePercentiles") != null) {
            Json.object(metric.get("scorePercentiles")).forEach((k, v) -> percentiles.put(k, ((Number) v).doubleValue()));
        }
        double error = metric.get("scoreError") instanceof Number n ? n.doubleValue() : Double.NaN;
        return new Score(Json.number(metric, "score"), error, (String) metric.get("scoreUnit"), percentiles);
    }
}
