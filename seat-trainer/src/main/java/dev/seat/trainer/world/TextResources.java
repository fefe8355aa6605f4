package dev.seat.trainer.world;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the world's text resources (comments start with {@code #}, blank lines are skipped). */
final class TextResources {
    private TextResources() {}

    /** The meaningful lines of a resource next to this class, trimmed. */
    static List<String> lines(String name) {
        InputStream in = TextResources.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Missing resource dev/seat/trainer/world/" + name);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    lines.add(trimmed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read resource " + name, e);
        }
        return lines;
    }

    /** The {@code [name]} blocks of a resource whose other lines are {@code key: value}. */
    static List<TemplateBlock> blocks(String name) {
        List<TemplateBlock> blocks = new ArrayList<>();
        String current = null;
        Map<String, List<String>> fields = null;
        for (String line : lines(name)) {
            if (line.startsWith("[") && line.endsWith("]")) {
                if (current != null) {
                    blocks.add(new TemplateBlock(current, fields, name));
                }
                current = line.substring(1, line.length() - 1).strip();
                fields = new LinkedHashMap<>();
                continue;
            }
            int colon = line.indexOf(':');
            if (current == null || colon <= 0) {
                throw new IllegalStateException(name
                        + ": expected '[block]' or 'key: value' inside a block, found: " + line);
            }
            fields.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        if (current != null) {
            blocks.add(new TemplateBlock(current, fields, name));
        }
        return blocks;
    }

    /** The rows of a {@code [section]} of a table resource, each split on {@code |}. */
    static Map<String, List<String[]>> tables(String name) {
        Map<String, List<String[]>> sections = new LinkedHashMap<>();
        List<String[]> rows = null;
        for (String line : lines(name)) {
            if (line.startsWith("[") && line.endsWith("]")) {
                rows = new ArrayList<>();
                sections.put(line.substring(1, line.length() - 1).strip(), rows);
            } else if (rows == null) {
                throw new IllegalStateException(name + ": row before any [section]: " + line);
            } else {
                rows.add(line.split("\\s*\\|\\s*"));
            }
        }
        return sections;
    }
}
