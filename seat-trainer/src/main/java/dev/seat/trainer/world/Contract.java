package dev.seat.trainer.world;

/**
 * A fictitious sales contract between two companies, in the manner of PISTOL's contracts.
 * Prices are in dollars; dates are written dd-mm-yyyy.
 */
public record Contract(
        String seller, String sellerAddress, String customer, String customerAddress, String effectiveDate,
        String goods, int quantity, int unitPrice, int invoiceDays, int paymentDays, int lateDays,
        int interestPercent, String deliveryAddress, String shippingChooser, String shippingPayer,
        int warrantyYears, int defectNoticeDays, int coolingOffDays, String jurisdiction) {

    public int totalPrice() {
        return quantity * unitPrice;
    }
}
