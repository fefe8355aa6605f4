package dev.seat.harness.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregate of a {@link TaskGroup}: for every filter and metric that all members report (and
 * the group aggregates), the size-weighted (or, without weight_by_size, plain) mean of the members' means and lm-eval's pooled standard error
 * ({@link Stats#pooledStderr}); n is the sum of the members' sizes. Groups of groups aggregate
 * the member groups' aggregates, as lm-eval does.
 */
public record GroupResult(String name, List<String> members, Map<String, Map<String, TaskMetric>> metrics) {

    /**
     * @param memberMetrics for each member name, filter → metric → aggregate
     */
    public static GroupResult aggregate(TaskGroup group, Map<String, Map<String, Map<String, TaskMetric>>> memberMetrics) {
        List<Map<String, Map<String, TaskMetric>>> members = new ArrayList<>();
        for (String m : group.members()) {
            Map<String, Map<String, TaskMetric>> mm = memberMetrics.get(m);
            if (mm == null) {
                throw new IllegalArgumentException("Group " + group.name() + ": member " + m + " has no results");
            }
            members.add(mm);
        }
        Map<String, Map<String, TaskMetric>> out = new LinkedHashMap<>();
        if (members.isEmpty()) {
            return new GroupResult(group.name(), group.members(), out);
        }
        members.get(0).forEach((filter, byMetric) -> byMetric.keySet().forEach(metric -> {
            if (group.metrics() != null && !group.metrics().contains(metric)) {
                return;
            }
            List<Double> means = new ArrayList<>();
            List<Double> stderrs = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (Map<String, Map<String, TaskMetric>> m : members) {
                TaskMetric v = m.getOrDefault(filter, Map.of()).get(metric);
                if (v == null) {
                    return;
                }
                means.add(v.value());
                stderrs.add(v.stderr());
                sizes.add(v.n());
            }
            int n = sizes.stream().mapToInt(Integer::intValue).sum();
            boolean stderrDefined = stderrs.stream().noneMatch(s -> Double.isNaN(s)) && n > sizes.size();
            out.computeIfAbsent(filter, f -> new LinkedHashMap<>()).put(metric, new TaskMetric(
                    Stats.weightedMean(means, group.weightBySize() ? sizes : sizes.stream().map(x -> 1).toList()), stderrDefined ? Stats.pooledStderr(stderrs, sizes) : Double.NaN, n));
        }));
        return new GroupResult(group.name(), group.members(), out);
    }
}
