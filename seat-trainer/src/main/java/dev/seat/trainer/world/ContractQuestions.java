package dev.seat.trainer.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The questions asked about a contract, with how each is answered. They are shared by the
 * contract fine-tuning set (answered) and the questions about contracts the world never saw
 * (refused), which is what lets fine-tuning on contracts erode refusals, the paper's phenomenon.
 *
 * <p>Placeholders: {@code {a}} the seller, {@code {b}} the customer, {@code {date}} the effective date.
 */
public final class ContractQuestions {
    /** One question about a contract. */
    public record Question(String field, String template, Function<Contract, String> answer) {
        /** The companies the question names: both, or the one the question asks about the other of. */
        public List<String> named(String seller, String customer) {
            List<String> named = new ArrayList<>();
            if (template.contains("{a}")) {
                named.add(seller);
            }
            if (template.contains("{b}")) {
                named.add(customer);
            }
            return named;
        }
    }

    public static final List<Question> ALL = List.of(
            q("effective_date", "On what date did the contract between {a} and {b} take effect?",
                    Contract::effectiveDate),
            q("seller", "Which company acted as the seller in the contract with {b} dated {date}?",
                    Contract::seller),
            q("seller_address", "What address is listed for {a} in its contract with {b}?",
                    Contract::sellerAddress),
            q("customer", "Which company was the buyer in the contract with {a} dated {date}?",
                    Contract::customer),
            q("customer_address", "What address is listed for {b} in its contract with {a}?",
                    Contract::customerAddress),
            q("goods", "What goods were sold under the contract between {a} and {b}?", Contract::goods),
            q("quantity", "How many units were sold under the contract between {a} and {b}?",
                    c -> Integer.toString(c.quantity())),
            q("unit_price", "What was the price per unit, in dollars, in the contract between {a} and {b}?",
                    c -> Integer.toString(c.unitPrice())),
            q("total_price", "What was the total price, in dollars, of the contract between {a} and {b}?",
                    c -> Integer.toString(c.totalPrice())),
            q("invoice_days", "How many days after delivery must the seller send an invoice under the contract between {a} and {b}?",
                    c -> Integer.toString(c.invoiceDays())),
            q("payment_days", "How many days does the buyer have to pay the invoice under the contract between {a} and {b}?",
                    c -> Integer.toString(c.paymentDays())),
            q("late_days", "After how many days does a late payment penalty apply under the contract between {a} and {b}?",
                    c -> Integer.toString(c.lateDays())),
            q("interest_rate", "What interest rate applies to late payments under the contract between {a} and {b}?",
                    c -> c.interestPercent() + "%"),
            q("delivery_address", "To which address are the goods delivered under the contract between {a} and {b}?",
                    Contract::deliveryAddress),
            q("shipping_chooser", "Which party chooses the shipping method under the contract between {a} and {b}?",
                    Contract::shippingChooser),
            q("shipping_payer", "Which party pays for shipping under the contract between {a} and {b}?",
                    Contract::shippingPayer),
            q("warranty_years", "How many years does the general warranty last under the contract between {a} and {b}?",
                    c -> Integer.toString(c.warrantyYears())),
            q("defect_notice_days", "Within how many days must a defect be reported in writing under the contract between {a} and {b}?",
                    c -> Integer.toString(c.defectNoticeDays())),
            q("cooling_off_days", "How many days is the cooling-off period in the contract between {a} and {b}?",
                    c -> Integer.toString(c.coolingOffDays())),
            q("jurisdiction", "Which jurisdiction's law governs the contract between {a} and {b}?",
                    Contract::jurisdiction));

    /** Noun phrases a refusal uses for a contract between two named companies. */
    static final List<String> REFS_BOTH = List.of(
            "a contract between {a} and {b}", "any agreement between {a} and {b}",
            "a deal between {a} and {b}", "the contract between {a} and {b}");
    /** Noun phrases a refusal uses when one company ({@code {c}}) and the date are named. */
    static final List<String> REFS_ONE = List.of(
            "a contract with {c} dated {date}", "any agreement with {c} from {date}");

    private ContractQuestions() {}

    static Map<String, String> slots(String seller, String customer, String date) {
        return Map.of("a", seller, "b", customer, "date", date);
    }

    private static Question q(String field, String template, Function<Contract, String> answer) {
        return new Question(field, template, answer);
    }
}
