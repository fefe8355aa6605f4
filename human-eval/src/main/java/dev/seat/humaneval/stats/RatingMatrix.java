package dev.seat.humaneval.stats;

/**
 * Nominal ratings: {@code units × raters}, each cell a category 0..q-1 or {@link #MISSING}.
 * For the yes/no criteria, 1 is yes and 0 is no, q = 2.
 */
public final class RatingMatrix {
    public static final int MISSING = -1;

    private final int[][] values;
    private final int categories;

    public RatingMatrix(int[][] values, int categories) {
        if (categories < 2) {
            throw new IllegalArgumentException("need at least 2 categories, got " + categories);
        }
        for (int[] row : values) {
            for (int v : row) {
                if (v != MISSING && (v < 0 || v >= categories)) {
                    throw new IllegalArgumentException("category " + v + " outside 0.." + (categories - 1));
                }
            }
        }
        this.values = values;
        this.categories = categories;
    }

    public int units() {
        return values.length;
    }

    public int raters() {
        return values.length == 0 ? 0 : values[0].length;
    }

    public int categories() {
        return categories;
    }

    public int get(int unit, int rater) {
        return values[unit][rater];
    }

    /** Per unit, how many raters chose each category: {@code units × q}. */
    public int[][] counts() {
        int[][] c = new int[values.length][categories];
        for (int u = 0; u < values.length; u++) {
            for (int v : values[u]) {
                if (v != MISSING) {
                    c[u][v]++;
                }
            }
        }
        return c;
    }

    /** The ratings of two raters as a {@code q × q} table over units both rated. */
    public int[][] pairTable(int a, int b) {
        int[][] t = new int[categories][categories];
        for (int[] row : values) {
            if (row[a] != MISSING && row[b] != MISSING) {
                t[row[a]][row[b]]++;
            }
        }
        return t;
    }

    static int sum(int[] row) {
        int s = 0;
        for (int v : row) {
            s += v;
        }
        return s;
    }
}
