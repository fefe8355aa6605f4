package dev.seat.harness.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seat.harness.results.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Task and group definitions by name: the built-ins bundled under
 * {@code dev/seat/harness/tasks/*.json} plus any user task files.
 *
 * <p>A file holds either one task ({@link TaskDefinition}) or a group:
 * <pre>
 * {"group": "mmlu",
 *  "subgroups": {"mmlu_stem": ["abstract_algebra", ...], ...},
 *  "task_template": { a task definition using ${subject} and ${subject_words} }}
 * </pre>
 * A group file makes one task per listed value (the template with {@code ${subject}} replaced by
 * the value and {@code ${subject_words}} by the value with underscores turned into spaces), one
 * group per subgroup and the top group over the subgroups.
 *
 * <p>lm-evaluation-harness YAML files ({@code *.yaml}, {@code *.yml}) are read as lm-eval reads them
 * ({@link TaskYaml}, {@link YamlTaskDefinition}): a task file defines a task and its {@code tag}s (a
 * tag runs its tasks without aggregating them; a {@code group} list in a task file is an older
 * spelling of tags); a group file ({@code group} and a {@code task} list of names or inline task
 * configs, {@code aggregate_metric_list} with {@code weight_by_size}) a group. A folder given with
 * {@link #addIncludePath} makes every task, group and tag defined under it known by name.
 */
public final class TaskRegistry {
    /** The bundled task files. */
    public static final List<String> BUILTIN_FILES = List.of(
            "arc_easy", "arc_challenge", "piqa", "openbookqa", "sciq", "hellaswag",
            "truthfulqa_mc1", "truthfulqa_mc2", "gsm8k", "triviaqa", "mmlu");

    private final Map<String, TaskDefinition> tasks = new LinkedHashMap<>();
    private final Map<String, TaskGroup> groups = new LinkedHashMap<>();
    private final Map<String, Set<String>> tags = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private Consumer<String> warn = warnings::add;

    private TaskRegistry() {}

    /** Where warnings about task files go (an unknown key, a file skipped); by default they are kept for {@link #warnings()}. */
    public TaskRegistry onWarning(Consumer<String> sink) {
        warnings.forEach(sink);
        warnings.clear();
        this.warn = sink;
        return this;
    }

    /** The warnings kept so far. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The built-in tasks and groups. */
    public static TaskRegistry builtins() {
        TaskRegistry r = new TaskRegistry();
        for (String name : BUILTIN_FILES) {
            String resource = "/dev/seat/harness/tasks/" + name + ".json";
            try (InputStream in = TaskRegistry.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Built-in task file " + resource + " is missing from the classpath");
                }
                r.add(Json.MAPPER.readTree(in), "built-in " + name + ".json", null);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read built-in task file " + resource, e);
            }
        }
        return r;
    }

    /** Adds the tasks (or group) of a user's task file; later definitions replace earlier ones of the same name. */
    public TaskRegistry addFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Task file " + file.toAbsolutePath() + " does not exist");
        }
        add(Json.read(file), file.toString(), file.toAbsolutePath().getParent());
        return this;
    }

    public Set<String> taskNames() {
        return tasks.keySet();
    }

    public Set<String> groupNames() {
        return groups.keySet();
    }

    public TaskDefinition task(String name) {
        TaskDefinition t = tasks.get(name);
        if (t == null) {
            throw unknown(name);
        }
        return t;
    }

    /** The tasks and groups a list of names asks for; a name ending in {@code .json} is a task file. */
    public Selection select(List<String> names) {
        Set<String> taskOrder = new LinkedHashSet<>();
        Set<String> groupOrder = new LinkedHashSet<>();
        for (String raw : names) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.endsWith(".json")) {
                Path file = Path.of(name);
                JsonNode node = Json.read(file);
                add(node, file.toString(), file.toAbsolutePath().getParent());
                name = node.has("group") ? node.get("group").asText() : node.path("task").asText();
            }
            if (isYaml(Path.of(name)) || Files.isDirectory(Path.of(name))) {
                Path path = Path.of(name);
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException("Task file " + path.toAbsolutePath() + " does not exist");
                }
                for (String defined : Files.isDirectory(path) ? addIncludePath(path) : addYaml(path)) {
                    collect(defined, taskOrder, groupOrder);
                }
                continue;
            }
            collect(name, taskOrder, groupOrder);
        }
        List<TaskDefinition> selected = new ArrayList<>();
        taskOrder.forEach(t -> selected.add(tasks.get(t)));
        List<TaskGroup> selectedGroups = new ArrayList<>();
        groupOrder.forEach(g -> selectedGroups.add(groups.get(g)));
        return new Selection(List.copyOf(selected), List.copyOf(selectedGroups));
    }

    /**
     * What to run.
     *
     * @param tasks the tasks, each once
     * @param groups the groups to aggregate, members before the groups that contain them
     */
    public record Selection(List<TaskDefinition> tasks, List<TaskGroup> groups) {}

    private void collect(String name, Set<String> taskOrder, Set<String> groupOrder) {
        if (tasks.containsKey(name)) {
            taskOrder.add(name);
        } else if (groups.containsKey(name)) {
            for (String member : groups.get(name).members()) {
                collect(member, taskOrder, groupOrder);
            }
            groupOrder.add(name);
        } else if (tags.containsKey(name)) {
            for (String member : tags.get(name)) {
                collect(member, taskOrder, groupOrder);
            }
        } else {
            throw unknown(name);
        }
    }

    private IllegalArgumentException unknown(String name) {
        List<String> known = new ArrayList<>(groups.keySet());
        known.addAll(tags.keySet());
        tasks.keySet().stream().filter(t -> !t.startsWith("mmlu_")).forEach(known::add);
        return new IllegalArgumentException("Unknown task '" + name + "'. Known: " + String.join(", ", known)
                + ", mmlu_<subject>; or pass a task file ending in .json or .yaml, a folder of task files, "
                + "or --include-path DIR");
    }

    /**
     * Makes every task, group and tag defined by the YAML files under {@code dir} known (tasks before
     * groups, so groups may name them); returns the names defined, in file order. A file that cannot
     * be read is skipped with a warning naming it and saying why.
     */
    public List<String> addIncludePath(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--include-path " + dir.toAbsolutePath() + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> Files.isRegularFile(p) && isYaml(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
        }
        List<ObjectNode> configs = new ArrayList<>();
        List<Path> readable = new ArrayList<>();
        for (Path f : files) {
            try {
                configs.add(TaskYaml.read(f, warn));
                readable.add(f);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                warn.accept("Skipped " + f + ": " + e.getMessage());
            }
        }
        List<String> defined = new ArrayList<>();
        for (boolean groupFiles : List.of(false, true)) {
            for (int i = 0; i < configs.size(); i++) {
                if (isGroupFile(configs.get(i)) == groupFiles) {
                    defined.addAll(define(configs.get(i), readable.get(i)));
                }
            }
        }
        return defined;
    }

    /** Adds the task or group of one YAML file; returns its name (none for a file only meant to be included). */
    public List<String> addYaml(Path file) {
        return define(TaskYaml.read(file, warn), file);
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private static boolean isGroupFile(ObjectNode config) {
        return config.has("group") && config.path("task").isArray();
    }

    private List<String> define(ObjectNode config, Path file) {
        if (isGroupFile(config)) {
            return List.of(defineGroup(config, file));
        }
        if (!config.hasNonNull("task")) {
            return List.of(); // a base file for others to include
        }
        TaskDefinition t = YamlTaskDefinition.of(config, file);
        tasks.put(t.task(), t);
        for (String key : List.of("tag", "group")) { // a task's "group" list is lm-eval's older spelling of tags
            JsonNode v = config.get(key);
            List<String> names = new ArrayList<>();
            if (v != null && v.isArray()) {
                v.forEach(n -> names.add(n.asText()));
            } else if (v != null && !v.isNull()) {
                names.add(v.asText());
            }
            names.forEach(tag -> tags.computeIfAbsent(tag, k -> new LinkedHashSet<>()).add(t.task()));
        }
        return List.of(t.task());
    }

    private String defineGroup(ObjectNode config, Path file) {
        String group = config.get("group").asText();
        List<String> members = new ArrayList<>();
        for (JsonNode entry : config.get("task")) {
            if (entry.isTextual()) {
                members.add(entry.asText());
            } else if (entry.isObject() && entry.hasNonNull("task")) {
                members.add(inlineTask((ObjectNode) entry, file, group));
            } else {
                throw new IllegalArgumentException("Task file " + file + " (group " + group + "): a task entry must be a name or "
                        + "a task config with \"task\", got " + entry);
            }
        }
        List<String> metrics = new ArrayList<>();
        boolean weightBySize = true;
        for (JsonNode m : config.path("aggregate_metric_list")) {
            metrics.add(m.path("metric").asText());
            if (!m.path("aggregation").asText("mean").equals("mean")) {
                throw new IllegalArgumentException("Task file " + file + " (group " + group + "): aggregation '"
                        + m.get("aggregation").asText() + "' is not supported (seat aggregates by mean)");
            }
            weightBySize &= m.path("weight_by_size").asBoolean(true);
        }
        groups.put(group, new TaskGroup(group, List.copyOf(members), List.copyOf(metrics), weightBySize));
        return group;
    }

    /** A task written inside a group file: a new task, or a known YAML task with some keys overridden. */
    private String inlineTask(ObjectNode entry, Path file, String group) {
        ObjectNode config = entry.deepCopy();
        String name = entry.get("task").asText();
        TaskDefinition known = tasks.get(name);
        if (entry.size() == 1 && known != null) {
            return name;
        }
        if (entry.has("include")) {
            ObjectNode merged = Json.object();
            for (JsonNode inc : entry.get("include").isArray() ? entry.get("include") : Json.MAPPER.createArrayNode().add(entry.get("include"))) {
                merged.setAll(TaskYaml.read(file.toAbsolutePath().getParent().resolve(inc.asText()), warn));
            }
            config.remove("include");
            merged.setAll(config);
            config = merged;
        } else if (known != null && !config.has("dataset_path")) {
            if (!known.config().has("dataset_path")) {
                throw new IllegalArgumentException("Task file " + file + " (group " + group + "): task " + name
                        + " is a built-in task; it can be named in a group but not overridden there");
            }
            ObjectNode merged = known.config().deepCopy();
            merged.setAll(config);
            config = merged;
        }
        TaskDefinition t = YamlTaskDefinition.of(config, file);
        tasks.put(t.task(), t);
        return t.task();
    }

    private void add(JsonNode node, String source, Path dir) {
        if (node.has("group")) {
            addGroup(node, source, dir);
        } else {
            TaskDefinition t = TaskDefinition.fromJson(node, source, dir);
            tasks.put(t.task(), t);
        }
    }

    private void addGroup(JsonNode node, String source, Path dir) {
        String group = node.get("group").asText();
        JsonNode template = node.get("task_template");
        JsonNode subgroups = node.get("subgroups");
        if (template == null || !template.isObject() || subgroups == null || !subgroups.isObject()) {
            throw new IllegalArgumentException(source + ": a group file needs \"task_template\" and \"subgroups\"");
        }
        List<String> subgroupNames = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = subgroups.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> sub = it.next();
            List<String> members = new ArrayList<>();
            for (JsonNode value : sub.getValue()) {
                ObjectNode filled = (ObjectNode) substitute(template, value.asText());
                filled.put("group", sub.getKey());
                TaskDefinition t = TaskDefinition.fromJson(filled, source, dir);
                tasks.put(t.task(), t);
                members.add(t.task());
            }
            groups.put(sub.getKey(), new TaskGroup(sub.getKey(), List.copyOf(members)));
            subgroupNames.add(sub.getKey());
        }
        groups.put(group, new TaskGroup(group, List.copyOf(subgroupNames)));
    }

    private static JsonNode substitute(JsonNode node, String value) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.asText()
                    .replace("${subject_words}", value.replace('_', ' '))
                    .replace("${subject}", value));
        }
        if (node.isObject()) {
            ObjectNode out = Json.object();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), substitute(e.getValue(), value)));
            return out;
        }
        if (node.isArray()) {
            var out = Json.MAPPER.createArrayNode();
            node.forEach(e -> out.add(substitute(e, value)));
            return out;
        }
        return node;
    }
}
