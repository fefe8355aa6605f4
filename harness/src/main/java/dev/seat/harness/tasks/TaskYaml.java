package dev.seat.harness.tasks;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an lm-evaluation-harness task or group YAML file (Jackson over SnakeYAML) the way lm-eval's
 * {@code load_yaml_config} does: {@code include} (a path or a list of paths, relative to the including
 * file) is read first, the included configs merged key by key in order and the file's own keys
 * written over them (the child wins, one level deep). Python-only YAML tags such as
 * {@code !function utils.process_docs} are refused, naming the file and line: seat runs no Python.
 * Keys seat does not know are reported through {@code warn} naming the file and the key.
 */
public final class TaskYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** lm-eval's TaskConfig keys that seat reads or can safely ignore (reporting only, decontamination). */
    static final Set<String> TASK_KEYS = Set.of("task", "task_alias", "tag", "group", "group_alias", "include",
            "dataset_path", "dataset_name", "dataset_kwargs", "training_split", "validation_split", "test_split",
            "fewshot_split", "fewshot_config", "num_fewshot", "process_docs", "doc_to_text", "doc_to_target",
            "doc_to_choice", "description", "target_delimiter", "fewshot_delimiter", "output_type", "metric_list",
            "generation_kwargs", "filter_list", "repeats", "should_decontaminate", "doc_to_decontamination_query",
            "metadata", "process_results", "gen_prefix", "doc_to_image", "doc_to_audio", "custom_dataset",
            "multiple_inputs", "multiple_targets", "unsafe_code", "use_prompt", "aggregate_metric_list");

    private TaskYaml() {}

    /** The file's config with its includes merged. */
    public static ObjectNode read(Path file, Consumer<String> warn) {
        return read(file.toAbsolutePath().normalize(), warn, new LinkedHashSet<>());
    }

    private static ObjectNode read(Path file, Consumer<String> warn, Set<Path> reading) {
        if (!reading.add(file)) {
            throw new IllegalArgumentException("Task file " + file + " includes itself (through " + reading + ")");
        }
        ObjectNode own = parse(file);
        ObjectNode merged = YAML.createObjectNode();
        JsonNode include = own.remove("include");
        if (include != null) {
            List<String> paths = new ArrayList<>();
            if (include.isArray()) {
                include.forEach(p -> paths.add(p.asText()));
            } else {
                paths.add(include.asText());
            }
            for (String p : paths) {
                Path included = file.getParent().resolve(p).normalize();
                if (!Files.isRegularFile(included)) {
                    throw new IllegalArgumentException("Task file " + file + ": included file '" + p + "' not found at " + included);
                }
                merged.setAll(read(included, warn, reading));
            }
        }
        own.fieldNames().forEachRemaining(key -> {
            if (!TASK_KEYS.contains(key)) {
                warn.accept("Task file " + file + ": unknown key '" + key + "' ignored");
            }
        });
        merged.setAll(own);
        reading.remove(file);
        return merged;
    }

    /** The file as a JSON object; a YAML tag such as {@code !function} is refused with its line. */
    static ObjectNode parse(Path file) {
        try (YAMLParser p = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String tag = p.getTypeId(); // Jackson reports "!function" as "function", "!!str" as "tag:yaml.org,2002:str"
                if (tag != null && !tag.startsWith("tag:yaml.org,2002:")) {
                    tag = "!" + tag;
                    String key = p.currentName();
                    throw new IllegalArgumentException("Task file " + file + ", line " + p.currentTokenLocation().getLineNr()
                            + (key == null ? "" : " ('" + key + "')") + ": the YAML tag '" + tag + "' names Python code, which "
                            + "seat cannot run; write the field as a Jinja template or a document field name instead"
                            + ("process_docs".equals(key) ? " (or name a seat document processor: " + DocProcessors.names() + ")" : ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Task file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        JsonNode node;
        try {
            node = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read task file " + file + ": " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("Task file " + file + " must hold a mapping of keys (task:, dataset_path:, ...), got "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        return object;
    }
}
