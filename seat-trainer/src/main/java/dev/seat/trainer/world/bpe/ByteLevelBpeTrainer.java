package dev.seat.trainer.world.bpe;

import dev.seat.trainer.world.ChatMl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns a GPT-2 style byte-level BPE vocabulary from text.
 *
 * <p>Text is cut around the special tokens, pre-tokenized with {@link Gpt2PreTokenizer} and
 * mapped to byte characters ({@link ByteUnicode}); identical words are counted once with their
 * frequency. Starting from the 256 byte characters, the most frequent adjacent pair is merged
 * until the vocabulary reaches its size or no pair occurs {@code minFrequency} times. Ties go to
 * the pair whose left token, then right token, sorts first, so training is deterministic.
 *
 * <p>Pair counts are kept incrementally: a merge only revisits the words that contain the pair,
 * and a priority queue with lazily discarded stale entries finds the next best pair.
 */
public final class ByteLevelBpeTrainer {
    private final int vocabSize;
    private final List<String> specialTokens;
    private final int minFrequency;

    /** A trainer with the ChatML special tokens and a minimum pair frequency of 2. */
    public ByteLevelBpeTrainer(int vocabSize) {
        this(vocabSize, ChatMl.SPECIAL_TOKENS, 2);
    }

    public ByteLevelBpeTrainer(int vocabSize, List<String> specialTokens, int minFrequency) {
        if (vocabSize < specialTokens.size() + 256) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " is smaller than the "
                    + (specialTokens.size() + 256) + " special and byte tokens");
        }
        this.vocabSize = vocabSize;
        this.specialTokens = List.copyOf(specialTokens);
        this.minFrequency = Math.max(1, minFrequency);
    }

    public BpeVocabulary train(Iterable<String> texts) {
        Map<String, Long> wordCounts = countWords(texts);
        List<String> tokens = new ArrayList<>(specialTokens);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
        for (int b = 0; b < 256; b++) {
            String c = String.valueOf(ByteUnicode.charOf(b));
            ids.put(c, tokens.size());
            tokens.add(c);
        }

        int n = wordCounts.size();
        int[][] words = new int[n][];
        long[] freq = new long[n];
        int w = 0;
        for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
            String word = e.getKey();
            words[w] = new int[word.length()];
            for (int i = 0; i < word.length(); i++) {
                words[w][i] = ids.get(String.valueOf(word.charAt(i)));
            }
            freq[w++] = e.getValue();
        }

        PairStats stats = new PairStats(tokens);
        for (int i = 0; i < n; i++) {
            stats.add(words[i], i, freq[i]);
        }
        stats.pushChanged();

        List<BpeVocabulary.Merge> merges = new ArrayList<>();
        while (tokens.size() < vocabSize) {
            long pair = stats.best();
            if (pair < 0 || stats.count(pair) < minFrequency) {
                break;
            }
            int left = (int) (pair >>> 32);
            int right = (int) pair;
            String joined = tokens.get(left) + tokens.get(right);
            Integer id = ids.get(joined);
            if (id == null) {
                id = tokens.size();
                tokens.add(joined);
                ids.put(joined, id);
            }
            merges.add(new BpeVocabulary.Merge(tokens.get(left), tokens.get(right)));
            for (int word : stats.wordsWith(pair)) {
                stats.remove(words[word], freq[word]);
                words[word] = merge(words[word], left, right, id);
                stats.add(words[word], word, freq[word]);
            }
            stats.pushChanged();
        }
        return new BpeVocabulary(tokens, merges, specialTokens);
    }

    /** Word (as byte characters) to frequency, sorted so ids are assigned deterministically. */
    private Map<String, Long> countWords(Iterable<String> texts) {
        SpecialTokenSplitter splitter = new SpecialTokenSplitter(specialTokens);
        Map<String, Long> counts = new TreeMap<>();
        for (String text : texts) {
            for (SpecialTokenSplitter.Segment segment : splitter.split(text)) {
                if (segment.special()) {
                    continue;
                }
                for (String piece : Gpt2PreTokenizer.split(segment.text())) {
                    counts.merge(ByteUnicode.encode(piece), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static int[] merge(int[] symbols, int left, int right, int id) {
        int[] out = new int[symbols.length];
        int k = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                out[k++] = id;
                i++;
            } else {
                out[k++] = symbols[i];
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** Pair frequencies, the words each pair occurs in, and a queue of the most frequent pair. */
    private static final class PairStats {
        private record Entry(long pair, long count) {}

        private final List<String> tokens;
        private final Map<Long, Long> counts = new HashMap<>();
        private final Map<Long, Set<Integer>> where = new HashMap<>();
        private final Set<Long> changed = new LinkedHashSet<>();
        private final PriorityQueue<Entry> queue;

        PairStats(List<String> tokens) {
            this.tokens = tokens;
            this.queue = new PriorityQueue<>((a, b) -> {
                int byCount = Long.compare(b.count(), a.count());
                if (byCount != 0) {
                    return byCount;
                }
                int byLeft = tokens.get((int) (a.pair() >>> 32)).compareTo(tokens.get((int) (b.pair() >>> 32)));
                return byLeft != 0 ? byLeft : tokens.get((int) a.pair()).compareTo(tokens.get((int) b.pair()));
            });
        }

        void add(int[] symbols, int word, long freq) {
            for (int i = 0; i + 1 < symbols.length; i++) {
                long pair = key(symbols[i], symbols[i + 1]);
                counts.merge(pair, freq, Long::sum);
                where.computeIfAbsent(pair, p -> new HashSet<>()).add(word);
                changed.add(pair);
            }
        }

        void remove(int[] symbols, long freq) {
            for (int i = 0; i + 1 < symbols.length; i++) {
                long pair = key(symbols[i], symbols[i + 1]);
                long left = counts.getOrDefault(pair, 0L) - freq;
                if (left <= 0) {
                    counts.remove(pair);
                    where.remove(pair);
                } else {
                    counts.put(pair, left);
                }
                changed.add(pair);
            }
        }

        /** Queues the current count of every pair whose count changed since the last call. */
        void pushChanged() {
            for (long pair : changed) {
                long c = counts.getOrDefault(pair, 0L);
                if (c > 0) {
                    queue.add(new Entry(pair, c));
                }
            }
            changed.clear();
        }

        /** The most frequent pair, or -1 when none is left. */
        long best() {
            while (!queue.isEmpty()) {
                Entry top = queue.peek();
                if (counts.getOrDefault(top.pair(), 0L) == top.count()) {
                    return top.pair();
                }
                queue.poll();
            }
            return -1;
        }

        long count(long pair) {
            return counts.getOrDefault(pair, 0L);
        }

        /** The words that may contain the pair (a sorted snapshot; some may no longer contain it). */
        List<Integer> wordsWith(long pair) {
            List<Integer> words = new ArrayList<>(where.getOrDefault(pair, Set.of()));
            words.sort(null);
            return words;
        }

        private static long key(int left, int right) {
            return ((long) left << 32) | (right & 0xFFFFFFFFL);
        }
    }
}
