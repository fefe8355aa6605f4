package dev.seat.trainer.world.bpe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes text with a {@link BpeVocabulary} the way the HF BPE model with a
 * ByteLevel pre-tokenizer does: special tokens are matched first; other text is pre-tokenized,
 * mapped to byte characters, and within each word the lowest-ranked adjacent merge (leftmost on
 * ties) is applied until none is left. Used to count tokens without native code and to check the
 * written tokenizer.json against DJL.
 */
public final class BpeEncoder {
    private final BpeVocabulary vocabulary;
    private final Map<String, Integer> ids;
    private final Map<String, Integer> ranks = new HashMap<>();
    private final SpecialTokenSplitter splitter;

    public BpeEncoder(BpeVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.ids = vocabulary.ids();
        List<BpeVocabulary.Merge> merges = vocabulary.merges();
        for (int r = 0; r < merges.size(); r++) {
            ranks.putIfAbsent(merges.get(r).toString(), r);
        }
        this.splitter = new SpecialTokenSplitter(vocabulary.specialTokens());
    }

    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        for (SpecialTokenSplitter.Segment segment : splitter.split(text)) {
            if (segment.special()) {
                out.add(ids.get(segment.text()));
                continue;
            }
            for (String piece : Gpt2PreTokenizer.split(segment.text())) {
                for (String token : mergeWord(ByteUnicode.encode(piece))) {
                    out.add(ids.get(token));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    public String decode(int[] tokenIds) {
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : tokenIds) {
            String token = vocabulary.tokens().get(id);
            if (id < vocabulary.specialTokens().size()) {
                text.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
                text.append(token);
            } else {
                bytes.writeBytes(ByteUnicode.decode(token));
            }
        }
        return text.append(bytes.toString(StandardCharsets.UTF_8)).toString();
    }

    private List<String> mergeWord(String word) {
        List<String> symbols = new ArrayList<>(word.length());
        for (int i = 0; i < word.length(); i++) {
            symbols.add(String.valueOf(word.charAt(i)));
        }
        while (symbols.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer rank = ranks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            symbols.set(bestAt, symbols.get(bestAt) + symbols.remove(bestAt + 1));
        }
        return symbols;
    }
}
