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
 */
public final class TaskRegistry {
    /** The bundled task files. */
    public static final List<String> BUILTIN_FILES = List.of(
            "arc_easy", "arc_challenge", "piqa", "openbookqa", "sciq", "hellaswag",
            "truthfulqa_mc1", "truthfulqa_mc2", "gsm8k", "triviaqa", "mmlu");

    private final Map<String, TaskDefinition> tasks = new LinkedHashMap<>();
    private final Map<String, TaskGroup> groups = new LinkedHashMap<>();

    private TaskRegistry() {}

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
        } else {
            throw unknown(name);
        }
    }

    private IllegalArgumentException unknown(String name) {
        List<String> known = new ArrayList<>(groups.keySet());
        tasks.keySet().stream().filter(t -> !t.startsWith("mmlu_")).forEach(known::add);
        return new IllegalArgumentException("Unknown task '" + name + "'. Known: " + String.join(", ", known)
                + ", mmlu_<subject>; or pass a task file ending in .json");
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
