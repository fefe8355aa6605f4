package dev.seat.trainer.world;

import java.util.List;
import java.util.Random;

/**
 * One kind of fictitious concept (a fictional country's currency, an imaginary sport...): how
 * its made-up names look, how a refusal names it and the questions asked about it.
 *
 * @param name      the category, e.g. {@code imaginary-sport}
 * @param lunar     the LUNAR question kind it covers, {@link LunarTemplate#OTHER} if none
 * @param shapes    the name shapes, one drawn per question
 * @param refs      noun phrases naming the concept, {@code {x}} = the name
 * @param questions question templates, {@code {x}} = the name
 */
public record ConceptCategory(String name, LunarTemplate lunar, List<Shape> shapes, List<String> refs,
                              List<String> questions) {

    /** A name style with a length range, written {@code CAPS 6-8}. */
    public record Shape(NameStyle style, int min, int max) {
        static Shape parse(String text) {
            String[] parts = text.strip().split("\\s+");
            String[] range = parts[1].split("-");
            return new Shape(NameStyle.valueOf(parts[0]), Integer.parseInt(range[0]), Integer.parseInt(range[1]));
        }

        String draw(Random rng) {
            return style.draw(rng, min, max);
        }
    }

    static ConceptCategory of(TemplateBlock block) {
        String lunar = block.optional("lunar");
        List<Shape> shapes = List.of(block.one("names").split("\\s*,\\s*")).stream().map(Shape::parse).toList();
        return new ConceptCategory(block.name(), lunar == null ? LunarTemplate.OTHER : LunarTemplate.valueOf(lunar),
                shapes, block.list("refs"), block.all("q"));
    }
}
