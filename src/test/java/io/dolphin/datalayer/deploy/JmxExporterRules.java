package io.dolphin.datalayer.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule matching of the Prometheus JMX exporter (jmx_prometheus_javaagent 1.0.x), enough to tell which
 * Prometheus series an MBean attribute becomes: the exporter matches each rule's {@code pattern} against
 * {@code domain<key=value, ...><>attribute} (attribute in snake_case when the rule says {@code attrNameSnakeCase}),
 * the first matching rule wins, {@code $n} in name and labels are its groups, and a COUNTER gets {@code _total}.
 * Attributes no rule matches are not exported.
 */
final class JmxExporterRules {

    private static final Pattern GROUP_REF = Pattern.compile("\\$(\\d+)");
    private static final Pattern UPPER_AFTER_LOWER = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    private final List<Rule> rules = new ArrayList<>();

    @SuppressWarnings("unchecked")
    JmxExporterRules(Map<String, Object> config) {
        for (Object o : (List<Object>) config.get("rules")) {
            Map<String, Object> r = (Map<String, Object>) o;
            rules.add(new Rule(Pattern.compile((String) r.get("pattern")), (String) r.get("name"),
                    Boolean.TRUE.equals(r.get("attrNameSnakeCase")), String.valueOf(r.getOrDefault("type", "UNTYPED")),
                    (Map<String, String>) r.getOrDefault("labels", Map.of())));
        }
    }

    int size() {
        return rules.size();
    }

    /** The exported series, e.g. {@code hazelcast_map_put_count_total{map="DOLPHIN_FEATURES"}}; null if not exported. */
    String seriesFor(String bean, String attribute) {
        for (Rule rule : rules) {
            String attr = rule.snakeCase ? snakeCase(attribute) : attribute;
            Matcher m = rule.pattern.matcher(bean + "<>" + attr);
            if (!m.matches()) {
                continue;
            }
            String name = expand(rule.name, m).replaceAll("[^a-zA-Z0-9_:]", "_");
            if ("COUNTER".equals(rule.type)) {
                name = name + "_total";
            }
            StringJoiner labels = new StringJoiner(",", "{", "}").setEmptyValue("");
            new TreeMap<>(rule.labels).forEach((k, v) -> labels.add(k + "=\"" + expand(v, m) + "\""));
            return name + labels;
        }
        return null;
    }

    /** Replaces {@code $n} by the n-th group of a pattern that matched the whole input. */
    private static String expand(String template, Matcher m) {
        return GROUP_REF.matcher(template).replaceAll(ref -> Matcher.quoteReplacement(m.group(Integer.parseInt(ref.group(1)))));
    }

    /** The metric name alone (series without labels). */
    static String metricName(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    static String snakeCase(String attribute) {
        return UPPER_AFTER_LOWER.matcher(attribute).replaceAll("_").toLowerCase(java.util.Locale.ROOT);
    }

    private record Rule(Pattern pattern, String name, boolean snakeCase, String type, Map<String, String> labels) {
    }
}
