"""Stop words per language: the function words a search ignores (articles, prepositions,
conjunctions, pronouns, auxiliaries).

Taken from the Snowball project's stop lists (snowballstem.org, BSD licence), the lists that
go with the Snowball stemmers, written accent-folded and lower-case because the analyser
compares folded words. Deliberately shorter than the Snowball lists: words that carry meaning
in this glossary's queries stay searchable (French `ai` is a form of `avoir` but also how
people type AI; `time`, `real`, `peer`, `multiple`, `personal` are never stop words).
Large "stop word" collections (1,300 English words, including `just` and `ai`) sink exactly
the queries this search is for.
"""

from typing import Final

_EN = """
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its
itself me more most my myself no nor not of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves
"""

_ES = """
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante
e el ella ellas ellos en entre era erais eramos eran eras eres es esa esas ese eso esos esta
estaba estado estamos estan estar estas este esto estos fue fueron fui ha habia han has hasta
hay la las le les lo los me mi mis mucho muchos muy nada ni no nos nosotros o os otra otras
otro otros para pero poco por porque que quien quienes se sea sean ser si sido sin sobre
sois somos son soy su sus suya suyas suyo suyos tambien tanto te tenemos tener tengo ti
tiene tienen todo todos tu tus un una uno unos vosotros y ya yo
"""

_FR = """
a au aux avec c ce ces cet cette d dans de des du elle elles en es est et eu etaient etait
etant ete etre eux il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne
nos notre nous on ont ou par pas pour qu que quel quelle quelles quels qui s sa sans se ses
son sont sur t ta te tes toi ton tu un une vos votre vous y
"""

_DE = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
auch auf aus bei bin bis bist da damit dann das dass dein deine dem den der des dich die dir
doch dort du durch ein eine einem einen einer eines er es etwas euch euer eure fur gegen
gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren
ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes
jetzt kann kein keine keinem keinen keiner keines man manche mein meine mich mir mit muss nach
nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie sind so solche sollte sondern
sonst uber um und uns unser unsere unter vom von vor war waren warst was weil welche welchem
welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen wurde
wurden zu zum zur zwar zwischen
"""

STOP_WORDS: Final[dict[str, frozenset[str]]] = {
    "en": frozenset(_EN.split()),
    "es": frozenset(_ES.split()),
    "fr": frozenset(_FR.split()),
    "de": frozenset(_DE.split()),
}

# Questions and comparisons (docs/search.md, "Questions and comparisons"): written accent-folded.
# A comparison word is never searched; it makes the query a comparison, whose approaches come
# first, and it separates the things compared, as a connector does in a comparison.
COMPARISON_WORDS: Final[dict[str, frozenset[str]]] = {
    "en": frozenset(
        [
            "difference",
            "differences",
            "different",
            "differ",
            "differs",
            "differently",
            "vs",
            "versus",
            "compare",
            "compared",
            "comparing",
            "comparison",
            "contrast",
            "better",
            "than",
            "or",
        ]
    ),
    "es": frozenset(
        [
            "diferencia",
            "diferencias",
            "diferente",
            "diferentes",
            "diferencian",
            "diferencia",
            "difiere",
            "distingue",
            "distinguen",
            "vs",
            "versus",
            "comparar",
            "comparado",
            "comparada",
            "comparacion",
            "frente",
            "mejor",
            "o",
            "u",
        ]
    ),
    "fr": frozenset(
        [
            "difference",
            "differences",
            "different",
            "differente",
            "differents",
            "differentes",
            "differe",
            "different",
            "distingue",
            "distinguent",
            "vs",
            "versus",
            "comparer",
            "compare",
            "comparee",
            "comparaison",
            "mieux",
            "meilleur",
            "ou",
        ]
    ),
    "de": frozenset(
        [
            "unterschied",
            "unterschiede",
            "unterscheiden",
            "unterscheidet",
            "unterschiedlich",
            "vs",
            "versus",
            "vergleich",
            "vergleichen",
            "verglichen",
            "besser",
            "gegenuber",
            "oder",
        ]
    ),
}
# Connectors that separate the things a comparison compares ("between X and Y").
COMPARISON_CONNECTORS: Final[dict[str, frozenset[str]]] = {
    "en": frozenset({"and"}),
    "es": frozenset({"y", "e"}),
    "fr": frozenset({"et"}),
    "de": frozenset({"und"}),
}
# A word that makes a query a question (or a question mark) ...
QUESTION_WORDS: Final[dict[str, frozenset[str]]] = {
    "en": frozenset(["how", "what", "which", "who", "why", "when", "where"]),
    "es": frozenset(
        [
            "que",
            "como",
            "cual",
            "cuales",
            "cuanto",
            "cuanta",
            "cuantos",
            "cuantas",
            "quien",
            "quienes",
        ]
    ),
    "fr": frozenset(
        ["quel", "quelle", "quels", "quelles", "comment", "combien", "pourquoi", "quoi", "qu"]
    ),
    "de": frozenset(
        ["was", "wie", "welche", "welcher", "welches", "wer", "worin", "warum", "wann"]
    ),
}
# ... and the words of its frame, not searched in a question: "how long does coaching last"
# searches `coaching`.
QUESTION_FILLERS: Final[dict[str, frozenset[str]]] = {
    "en": frozenset(
        [
            "do",
            "does",
            "did",
            "work",
            "works",
            "mean",
            "means",
            "long",
            "last",
            "lasts",
            "take",
            "takes",
        ]
    ),
    "es": frozenset(
        ["hace", "hacen", "funciona", "funcionan", "significa", "dura", "duran", "sirve"]
    ),
    "fr": frozenset(["fait", "font", "fonctionne", "signifie", "dure", "durent", "temps"]),
    "de": frozenset(["macht", "machen", "funktioniert", "bedeutet", "dauert", "lange"]),
}
