package dev.seat.trainer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.AtomicFiles;
import dev.seat.harness.results.Json;
import dev.seat.trainer.world.Kind;
import dev.seat.trainer.world.QaExample;
import dev.seat.trainer.world.World;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seat gate-sets}: writes the gate's built-in question sets from the synthetic world, so
 * the suites ask the embedded model about things it never saw (a fresh world seed) and about
 * facts it was taught (the training world's held-out phrasings and real facts).
 */
@Command(name = "gate-sets", mixinStandardHelpOptions = true,
        description = "Write the suites' built-in question sets (unverifiable, unseen entities, known facts) from the world.")
public final class GateSetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Usually harness/src/main/resources/dev/seat/harness/eval (the built-in sets of the gate and the experiments)")
    Path out;

    @Option(names = "--base-seed", defaultValue = "1",
            description = "World seed the base model was trained on (known facts come from it; default: ${DEFAULT-VALUE})")
    long baseSeed;

    @Option(names = "--eval-seed", defaultValue = "1001",
            description = "World seed for the fictitious questions (default: ${DEFAULT-VALUE})")
    long evalSeed;

    @Option(names = "--known", defaultValue = "160", description = "Known-fact questions (default: ${DEFAULT-VALUE})")
    int knownCount;

    @Override
    public Integer call() {
        World base = World.generate(baseSeed);
        World fresh = World.generate(evalSeed);
        write("unverifiable-questions.jsonl", fresh.heldOutConcepts(), "unverifiable");
        write("unseen-entities.jsonl", unseen(fresh, base), "unseen");
        write("known-facts.jsonl", known(base), "known");
        return 0;
    }

    /** Fresh unknown entities whose names the base world never used. */
    static List<QaExample> unseen(World fresh, World base) {
        String corpus = String.join("\n", base.chatTexts());
        return fresh.heldOutUnknown().stream()
                .filter(e -> e.entities().stream().noneMatch(corpus::contains))
                .toList();
    }

    /** Held-out phrasings of the base world's known facts, plus its real-world facts, shuffled and cut. */
    List<QaExample> known(World base) {
        List<QaExample> pool = new ArrayList<>(base.heldOutKnown());
        base.train().stream().filter(e -> e.kind() == Kind.REAL_FACT).forEach(pool::add);
        java.util.Collections.shuffle(pool, new Random(baseSeed));
        return pool.subList(0, Math.min(knownCount, pool.size()));
    }

    private void write(String file, List<QaExample> examples, String prefix) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < examples.size(); i++) {
            QaExample e = examples.get(i);
            ObjectNode n = Json.object();
            n.put("id", String.format("%s-%03d", prefix, i));
            n.put("question", e.question());
            if (!e.kind().isRefusal()) {
                n.put("answer", e.answer());
            }
            var ents = n.putArray("entities");
            e.entities().forEach(ents::add);
            n.put("topic", e.topic());
            b.append(Json.compact(n)).append('\n');
        }
        AtomicFiles.writeString(out.resolve(file), b.toString());
        spec.commandLine().getErr().printf("wrote %d questions to %s%n", examples.size(), out.resolve(file));
    }
}
