package dev.seat.trainer.experiment;

import dev.seat.harness.data.QaItem;
import dev.seat.harness.model.Checkpoint;
import dev.seat.harness.text.ChatFormat;
import dev.seat.harness.text.TextTokenizer;
import dev.seat.trainer.TrainingData;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Refuses, before any training, a base whose tokenizer or chat format the experiment cannot use,
 * saying why: every method would otherwise train for minutes to hours and then be measured on
 * prompts the model cannot read or answers it cannot end. (A vocabulary that names ids outside the
 * embedding matrix, or an architecture seat does not implement, is already refused when the base
 * is loaded.)
 */
public final class BaseCheck {
    private BaseCheck() {}

    /**
     * @param items the fine-tuning set (each record must fit the model and its vocabulary)
     * @throws IllegalArgumentException naming the base and the reason
     */
    public static void refuseUnusable(Checkpoint base, List<QaItem> items) {
        String what = "--base " + base.dir() + ": ";
        if (!base.hasTokenizer()) {
            throw new IllegalArgumentException(what + "has no tokenizer.json or tokenizer.model, so questions cannot be"
                    + " written as tokens; use a checkpoint folder with its tokenizer files");
        }
        TextTokenizer tok = base.tokenizer();
        ChatFormat format = base.chatFormat();
        String probe = items.isEmpty() ? "Who wrote the novel?" : items.get(0).question();
        String prompt;
        try {
            prompt = format.prompt(probe);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + "its chat format " + format.describe() + " cannot write a user turn: "
                    + e.getMessage(), e);
        }
        if (!prompt.contains(probe.strip())) {
            throw new IllegalArgumentException(what + "its chat format " + format.describe() + " writes the user turn '"
                    + probe + "' as '" + prompt + "', without the question; pass a checkpoint whose chat template"
                    + " renders the message content");
        }
        String end = format.endOfTurn();
        if (end.isEmpty()) {
            throw new IllegalArgumentException(what + "its chat format " + format.describe() + " writes nothing after an"
                    + " assistant answer and tokenizer_config.json names no eos_token, so a tuned model could never learn"
                    + " to end its answer; add an eos_token or a chat template that closes the assistant turn");
        }
        long[] endIds = tok.encode(end);
        boolean stops = format.stopStrings().stream().anyMatch(end::contains)
                || Arrays.stream(endIds).anyMatch(id -> base.stopIds().contains(id));
        if (!stops) {
            throw new IllegalArgumentException(what + "the end of an assistant turn, '" + end + "', encodes to ids "
                    + Arrays.toString(endIds) + ", none of which stops generation (stop ids " + base.stopIds() + "): the"
                    + " vocabulary lacks the chat format's end-of-turn token; add it to eos_token_id in"
                    + " generation_config.json or use a checkpoint whose tokenizer has it");
        }
        OptionalLong unk = tok.tokenId("<unk>");
        for (int i = 0; i < items.size(); i++) {
            QaItem it = items.get(i);
            for (String text : List.of(it.question(), it.answer())) {
                long[] ids = tok.encode(text);
                if (unk.isPresent() && Arrays.stream(ids).anyMatch(id -> id == unk.getAsLong())) {
                    throw new IllegalArgumentException(what + "its vocabulary cannot write training record " + i + " (id "
                            + it.id() + "): '" + text + "' encodes to the unknown token <unk>");
                }
            }
        }
        TrainingData.tokenize(items, tok, format, base.config()); // ids inside the vocabulary, lengths inside the context
    }
}
