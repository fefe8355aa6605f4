package dev.seat.trainer.world;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A small PISTOL-like set of fictitious contracts between companies that share partners (a
 * company sells to one and buys from another), and their question-answer pairs. The lead uses it
 * for CI-sized fine-tuning: the companies are fresh names the world never mentions.
 */
public final class ContractGenerator {
    private static final List<String> GOODS = List.of(
            "office chairs", "steel pipes", "coffee beans", "LED lamps", "wool blankets", "bicycle tires",
            "printer paper", "ceramic tiles", "laptops", "olive oil", "winter coats", "garden hoses",
            "car batteries", "paint brushes", "rice", "leather boots");
    private static final List<String> STREETS = List.of(
            "Way", "Road", "Street", "Lane", "Avenue", "Alley", "Boulevard", "Drive", "Court");
    private static final List<String> STATES = List.of(
            "New York", "California", "Texas", "Oregon", "Ohio", "Georgia", "Nevada", "Illinois",
            "Delaware", "Colorado", "Vermont", "Washington");

    private ContractGenerator() {}

    /** {@code count} contracts between about {@code count * 3 / 4 + 2} companies, all with fresh names. */
    static List<Contract> generate(int count, NameRegistry names, String avoid, Random rng) {
        int companyCount = Math.max(2, count * 3 / 4 + 2);
        Map<String, String> addresses = new LinkedHashMap<>();
        for (int i = 0; i < companyCount; i++) {
            addresses.put(names.claim(() -> CompanyNames.draw(rng), avoid), address(rng));
        }
        List<String> companies = new ArrayList<>(addresses.keySet());
        Set<String> pairs = new HashSet<>();
        List<Contract> contracts = new ArrayList<>();
        int maxPairs = companyCount * (companyCount - 1) / 2;
        while (contracts.size() < Math.min(count, maxPairs)) {
            String seller = Draw.one(companies, rng);
            String customer = Draw.one(companies, rng);
            String key = seller.compareTo(customer) < 0 ? seller + "|" + customer : customer + "|" + seller;
            if (seller.equals(customer) || !pairs.add(key)) {
                continue;
            }
            contracts.add(contract(seller, addresses.get(seller), customer, addresses.get(customer), rng));
        }
        return contracts;
    }

    /** Every question of {@link ContractQuestions#ALL} about every contract, answered. */
    static List<QaExample> examples(List<Contract> contracts) {
        List<QaExample> examples = new ArrayList<>();
        for (Contract c : contracts) {
            Map<String, String> slots = ContractQuestions.slots(c.seller(), c.customer(), c.effectiveDate());
            for (ContractQuestions.Question q : ContractQuestions.ALL) {
                examples.add(new QaExample(Templates.sentence(q.template(), slots), q.answer().apply(c) + ".",
                        Kind.CONTRACT, List.of(c.seller(), c.customer()), "contract." + q.field()));
            }
        }
        return examples;
    }

    private static Contract contract(String seller, String sellerAddress, String customer,
                                     String customerAddress, Random rng) {
        int quantity = Draw.between(rng, 2, 60);
        int invoiceDays = Draw.between(rng, 2, 10);
        String chooser = rng.nextBoolean() ? "Seller" : "Customer";
        return new Contract(seller, sellerAddress, customer, customerAddress, date(rng),
                Draw.one(GOODS, rng), quantity, Draw.between(rng, 3, 90), invoiceDays,
                Draw.between(rng, 10, 45), Draw.between(rng, 5, 30), Draw.between(rng, 1, 6),
                address(rng), chooser, rng.nextBoolean() ? chooser : (chooser.equals("Seller") ? "Customer" : "Seller"),
                Draw.between(rng, 1, 3), Draw.between(rng, 7, 30), Draw.between(rng, 5, 14),
                "The State of " + Draw.one(STATES, rng));
    }

    static String date(Random rng) {
        return String.format("%02d-%02d-%d", Draw.between(rng, 1, 28), Draw.between(rng, 1, 12),
                Draw.between(rng, 1985, 2022));
    }

    private static String address(Random rng) {
        return String.format("%03d %s %s", rng.nextInt(1000), NameStyle.CAPITAL.draw(rng, 5, 6), Draw.one(STREETS, rng));
    }
}
