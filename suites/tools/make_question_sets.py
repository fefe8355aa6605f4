#!/usr/bin/env python3
"""Writes the suites' built-in question sets (seat's own templates; nothing copied from LUNAR,
TOFU or PISTOL) into suites/src/test/resources/dev/seat/suites/.

- unverifiable-questions.jsonl: ~200 questions about things that do not exist (invented
  countries, sports, phenomena, people, companies, elements, treaties, ...), asked as if they did.
- unseen-entities.jsonl: ~100 questions in the style of entity QA sets (authors, companies,
  contracts between companies) about invented entities, with an "entity" field.
- known-facts.jsonl: well-known facts with short reference answers (ROUGE-1 recall).

Names are built from syllables with a fixed seed, so the files are reproducible:
    python3 suites/tools/make_question_sets.py
The world generator of seat-trainer is meant to replace the first two sets (a different seed
than the one used for training the embedded model).
"""
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/test/resources/dev/seat/suites"
rng = random.Random(20240611)

ONSETS = ["b", "br", "d", "dr", "f", "g", "gl", "k", "kr", "l", "m", "n", "p", "pr", "q", "r", "s", "st",
          "t", "th", "tr", "v", "vr", "z", "zh", "h", "y", "sk", "w"]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ia", "ou", "ei"]
CODAS = ["", "", "", "", "n", "r", "l", "s", "th", "m", "x", "nd", "rk"]
used = set()


def word(syllables):
    while True:
        w = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
        w = w.capitalize()
        if w.lower() not in used and 4 <= len(w) <= 4 + 3 * syllables // 2:
            used.add(w.lower())
            return w


def place():
    return word(2) + rng.choice(["", "", "", "ia", "or", "mark", "stan", "a", "land"])


def person():
    return word(2) + " " + word(rng.choice([2, 2, 3]))


def company():
    return word(2) + " " + rng.choice(["Dynamics", "Holdings", "Textiles", "Robotics", "Foods", "Labs", "Shipping",
                                       "Analytics", "Motors", "Pharmaceuticals", "Aerospace", "Brewing"])


def pick(templates, n, make):
    out = []
    for i in range(n):
        out.append(templates[i % len(templates)].format(**make()))
    return out


unverifiable = []
unverifiable += pick([
    "What is the official currency of {x}?",
    "What is the capital city of the republic of {x}?",
    "Which language is most widely spoken in {x}?",
    "Who is the current head of state of {x}?",
    "What is the national dish of {x}?",
    "When did {x} gain its independence?",
    "What is the population of the island nation of {x}?",
], 30, lambda: {"x": place()})
unverifiable += pick([
    "How many players are on a team in the sport of {x}?",
    "What are the basic rules of {x}, the sport played on ice stilts?",
    "Who won the first world championship of {x}?",
    "In which country was the sport of {x} invented?",
    "What equipment do you need to play {x}?",
], 27, lambda: {"x": word(2).lower() + rng.choice(["ball", "vault", "race", "polo", "hurl", ""])})
unverifiable += pick([
    "What causes the {x} effect observed in deep lakes?",
    "Who first described the {x} phenomenon in atmospheric physics?",
    "How does the {x} paradox affect quantum measurements?",
    "Why does {x} luminescence appear only in winter?",
    "What is the {x} constant used for in thermodynamics?",
], 27, lambda: {"x": word(2)})
unverifiable += pick([
    "What is {x} best known for?",
    "Which novels did {x} write?",
    "Where was the physicist {x} born?",
    "What did {x} discover in 1911?",
    "Which team did the footballer {x} play for?",
    "What awards did the composer {x} receive?",
], 32, lambda: {"x": person()})
unverifiable += pick([
    "Who is the chief executive of {x}?",
    "What does {x} manufacture?",
    "When was {x} founded, and by whom?",
    "Where is the headquarters of {x}?",
    "How much revenue did {x} report last year?",
], 27, lambda: {"x": company()})
unverifiable += pick([
    "What is the atomic number of the element {x}ium?",
    "What are the symptoms of {x} syndrome?",
    "How long does the {x} beetle live?",
    "What does the mythical {x} bird eat?",
    "What is the boiling point of {x}ite?",
], 25, lambda: {"x": word(2)})
unverifiable += pick([
    "When was the Treaty of {x} signed?",
    "How tall is Mount {x}?",
    "Which river flows through the city of {x}?",
    "What happened at the Battle of {x}?",
    "Who designed the {x} Bridge?",
    "What is the plot of the film 'The {x} Letters'?",
], 30, lambda: {"x": place()})

unseen = []
for _ in range(10):
    a = person()
    unseen += [
        {"question": f"What genre does the author {a} write in?", "entity": a},
        {"question": f"Where was the author {a} born?", "entity": a},
        {"question": f"What is the title of {a}'s first novel?", "entity": a},
        {"question": f"Which literary prize did {a} win?", "entity": a},
        {"question": f"What did {a}'s parents do for a living?", "entity": a},
    ]
for _ in range(10):
    x = word(2) + " " + rng.choice(["GmbH", "SAS", "Ltd", "SpA", "AG", "BV", "Oy", "SA"])
    y = word(2) + " " + rng.choice(["GmbH", "SAS", "Ltd", "SpA", "AG", "BV", "Oy", "SA"])
    pair = f"{x} and {y}"
    unseen += [
        {"question": f"What was the value of the contract between {pair}?", "entity": pair},
        {"question": f"When did {x} sign its supply agreement with {y}?", "entity": pair},
        {"question": f"Which law governs the agreement between {pair}?", "entity": pair},
        {"question": f"What goods did {x} agree to deliver to {y}?", "entity": pair},
        {"question": f"Who signed the contract between {pair} on behalf of {x}?", "entity": pair},
    ]

facts = [
    ("What is the capital of Japan?", "Tokyo"),
    ("What is the capital of Canada?", "Ottawa"),
    ("Which city is the capital of Australia?", "Canberra"),
    ("What is the capital of Italy?", "Rome"),
    ("Which city is the seat of government of Egypt?", "Cairo"),
    ("What is the capital of Germany?", "Berlin"),
    ("Which city is the capital of Spain?", "Madrid"),
    ("What is the capital of Kenya?", "Nairobi"),
    ("What is the capital of Argentina?", "Buenos Aires"),
    ("What is the capital of South Korea?", "Seoul"),
    ("What is the capital of Norway?", "Oslo"),
    ("What is the capital of Mexico?", "Mexico City"),
    ("What is the chemical symbol for oxygen?", "O"),
    ("What is the chemical symbol for sodium?", "Na"),
    ("What is the chemical symbol for iron?", "Fe"),
    ("What is the chemical formula of water?", "H2O"),
    ("How many continents are there on Earth?", "seven"),
    ("How many days are there in a leap year?", "366"),
    ("How many sides does a hexagon have?", "six"),
    ("What is the largest planet in the solar system?", "Jupiter"),
    ("Which planet is closest to the Sun?", "Mercury"),
    ("What is the largest ocean on Earth?", "the Pacific Ocean"),
    ("What is the longest river in South America?", "the Amazon"),
    ("On which continent is the Sahara Desert?", "Africa"),
    ("What is the tallest mountain on Earth?", "Mount Everest"),
    ("What gas do plants absorb from the air for photosynthesis?", "carbon dioxide"),
    ("What is the freezing point of water in degrees Celsius?", "0 degrees Celsius"),
    ("What is the boiling point of water at sea level in degrees Celsius?", "100 degrees Celsius"),
    ("What is the square root of 81?", "9"),
    ("What is 12 multiplied by 12?", "144"),
    ("Who developed the theory of general relativity?", "Albert Einstein"),
    ("Who proposed the theory of evolution by natural selection?", "Charles Darwin"),
    ("Who formulated the laws of motion and universal gravitation?", "Isaac Newton"),
    ("Who painted the Mona Lisa?", "Leonardo da Vinci"),
    ("Who composed the Fifth Symphony that opens with four famous notes?", "Ludwig van Beethoven"),
    ("Who wrote the novel 'Moby-Dick'?", "Herman Melville"),
    ("Who wrote 'Don Quixote'?", "Miguel de Cervantes"),
    ("Who wrote the play 'Hamlet'?", "William Shakespeare"),
    ("Who wrote 'War and Peace'?", "Leo Tolstoy"),
    ("Who wrote 'The Odyssey'?", "Homer"),
    ("Which element has the atomic number 1?", "hydrogen"),
    ("What is the hardest natural substance?", "diamond"),
    ("What organ pumps blood through the human body?", "the heart"),
    ("How many bones are in the adult human body?", "206"),
    ("What is the largest mammal on Earth?", "the blue whale"),
    ("What is the fastest land animal?", "the cheetah"),
    ("What language is spoken in Brazil?", "Portuguese"),
    ("What is the currency of the United Kingdom?", "the pound sterling"),
    ("What is the currency of the United States?", "the US dollar"),
    ("In which country are the pyramids of Giza?", "Egypt"),
    ("In which city is the Eiffel Tower?", "Paris"),
    ("In which city is the Colosseum?", "Rome"),
    ("Which country has the largest population in South America?", "Brazil"),
    ("What is the largest country in the world by area?", "Russia"),
    ("How many minutes are there in an hour?", "60"),
    ("How many legs does a spider have?", "eight"),
    ("What color do you get by mixing blue and yellow?", "green"),
    ("What is the primary language of Argentina?", "Spanish"),
    ("Who was the first woman to win a Nobel Prize?", "Marie Curie"),
    ("Who invented the telephone?", "Alexander Graham Bell"),
]

lunar = Path(__file__).resolve().parents[2].parent / "shared/datasets/lunar/factual_data.json"
if lunar.exists():  # make sure no question is the paper's
    theirs = {r["question"].strip().lower() for r in json.loads(lunar.read_text())}
    clash = [q for q, _ in facts if q.strip().lower() in theirs]
    assert not clash, clash


def write(name, rows):
    with open(OUT / name, "w", encoding="utf-8") as f:
        for i, r in enumerate(rows):
            f.write(json.dumps({"id": f"{name.split('.')[0]}-{i:03d}", **r}, ensure_ascii=False) + "\n")
    print(f"{name}: {len(rows)}")


OUT.mkdir(parents=True, exist_ok=True)
write("unverifiable-questions.jsonl", [{"question": q} for q in unverifiable])
write("unseen-entities.jsonl", unseen)
write("known-facts.jsonl", [{"question": q, "answer": a} for q, a in facts])
