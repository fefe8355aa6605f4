package dev.seat.humaneval.stats;

/**
 * Counts of an automatic yes/no decision against the human one.
 *
 * @param bothYes human yes, automatic yes
 * @param humanOnly human yes, automatic no (the automatic metric missed it)
 * @param automaticOnly human no, automatic yes
 * @param bothNo human no, automatic no
 */
public record BinaryConfusion(int bothYes, int humanOnly, int automaticOnly, int bothNo) {

    public int total() {
        return bothYes + humanOnly + automaticOnly + bothNo;
    }

    /** Share of items where both agree; NaN when empty. */
    public double accuracy() {
        return total() == 0 ? Double.NaN : (double) (bothYes + bothNo) / total();
    }

    /** Cohen's κ of the two decisions. */
    public double kappa() {
        return CohenKappa.fromTable(new int[][] {{bothNo, automaticOnly}, {humanOnly, bothYes}});
    }

    public BinaryConfusion add(boolean human, boolean automatic) {
        return new BinaryConfusion(
                bothYes + (human && automatic ? 1 : 0),
                humanOnly + (human && !automatic ? 1 : 0),
                automaticOnly + (!human && automatic ? 1 : 0),
                bothNo + (!human && !automatic ? 1 : 0));
    }

    public static BinaryConfusion empty() {
        return new BinaryConfusion(0, 0, 0, 0);
    }
}
