"""Intent: a cue table and a nearest-example classifier, combined.

* The **cue table** (:data:`CUES`) holds regexes over the folded question, each pointing
  to one intent with a weight: a table of data, not a chain of ``elif``s.
* The **nearest-example classifier** embeds the question (places masked as ``X``, the
  same way as the examples in ``data/intent_examples.txt``) and takes a cosine-weighted
  vote of the :data:`K` nearest examples.

``scores = knn_share + CUE_WEIGHT * cue_hits``; the reading's structure (a kommun named
or not, a län, a region) then decides between close intents in :mod:`.parse`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.understanding.query import INTENTS
from assistant.understanding.vector_cache import similarities

EXAMPLES_FILE = Path(__file__).with_name("data") / "intent_examples.txt"
K = 7
CUE_WEIGHT = 0.45
AREA_FILLS = 3
AREA_FILL = ("grundskolan", "äldreomsorgen", "förskolan", "gymnasieskolan", "LSS",
             "individ- och familjeomsorgen", "det ekonomiska biståndet")

# (intent, weight, regex over the folded question)
CUES: tuple[tuple[str, float, str], ...] = (
    ("help", 1.5, r"^\W*(hej\W*)?(hjalp|help)\W*$|vad kan (du|jag fraga)|hur (anvander|funkar|fungerar) (jag|du|det har|verktyget|assistenten)|vilka (typer av )?fragor kan du|exempel pa fragor"),
    ("advice", 1.5, r"\b(vilka|lista|sammanfatta|oversikt).{0,25}\brad(en)?\b|\bfem (goda )?rad\b|handbokens (viktigaste )?rad\b|vilka rekommendationer|^\W*sammanfatta (hela )?handboken\W*$"),
    ("brief", 1.5, r"underlag (till|for|infor)|\bdebatt|talepunkt|\bargument(era|en)? (for|mot)\b|ge mig argument|motargument och|argument och motargument|bemoter jag"),
    ("kpi_search", 1.2, r"vilka (nyckeltal|matt|kpi|indikatorer)|finns (det )?(nagot|nagra|ett) (nyckeltal|matt|data|statistik)|vilken statistik finns|finns det (data|statistik)|(soka|sok) nyckeltal|nyckeltal (om|for|inom|kring)\b|har kolada (nagot|nagra)|vad finns det for nyckeltal"),
    ("kpi_definition", 1.2, r"^(vad (mater|betyder|innebar|menas med|star .* for)|hur (beraknas|raknas|mats|ar .* konstruerat|tolkar)|forklara)|\bdefinition|hur .* (raknas|beraknas) (ut|fram)|hur skulle jag forklara|vad (mater|visar) (nyckeltalet|indexet|matt)"),
    ("handbook", 1.5, r"^(maste|bor|ska|behover|far) (man|vi|en|den|kommun\w*)\b|^ar det (sant|rimligt|klokt|bra)\b"),
    ("handbook", 1.0, r"\bhandbok|\bvarfor\b|valfardskommission|forskning|\bhur kan (vi|man|kommuner)\b|\bkan vi\b|osthyvel|motargument"),
    ("ranking", 1.0, r"vilken kommun|vilka (\w+ )?kommuner.{0,60}\b(hogst|lagst|bast|samst|flest|minst|storst|dyrast|billigast|mest)\b|\btopp\b|rangordna|ranking|rankas|topplista|vilken plats|\bvar (i|ar|har)\b.{0,40}\b(hogst|lagst|bast|samst|dyrast|billigast)|de (\d+|tre|fem|tio) (mest|minst|basta|kommuner)"),
    ("screening", 1.2, r"\bbade\b.{0,40}\boch\b|(lag|hog)(a|re)? kostnad(er)?.{0,20}(och|men|med).{0,20}(hog|lag|god|dalig|svag)(re)? kvalitet|(hog|lag|god|dalig|svag)(re)? kvalitet.{0,30}(lag|hog)(a|re)? kostnad|dyra och daliga|\b(over|under|minst|mer an)\s+\d{1,3}\b|screena|filtrera|billiga och bra"),
    ("trend", 1.5, r"utveckl|forandr|over tid|\bsedan (19|20)\d\d|\b(okat|minskat|sjunkit|stigit)\b|\btrend|senaste (\w+ )?aren|ar for ar|tidsserie|blivit (battre|samre|dyrare|billigare|effektivare)|at ratt hall|mellan (19|20)\d\d (och|till)"),
    ("comparison", 1.0, r"\bjamfor(t)? med\b|^jamfor\b|skillnad(en)? mellan|\bvs\.?\b|\bkontra\b|\bstall .* mot\b|vilken av (dem|de)|vem av (dem|de)|\b(dyrare|billigare|effektivare|battre|samre|hogre|lagre) .*\ban\b"),
    ("peers", 0.7, r"^(?!.*\b(hur ligger|hur star)\b).*liknande kommuner"),  # "hur ligger X till jämfört med ...": profile
    ("peers", 1.3, r"\bliknar\b|\blika\b|jamforbara|jamforelsegrupp|jamforelsekommun|jamfors .* med|brukar .* jamforas|vilka .* liknande kommuner|liknande kommuner (for|till|at) x\b"),
    ("learn_from", 2.0, r"lara (sig )?av|titta pa for att|forebild|inspirera|goda exempel|studiebesok|mer med mindre|battre och billigare|bast i klassen|hogre kvalitet och lagre kostnad"),
    ("savings", 1.3, r"\bspara\b|besparing|sparpotential|frigora|hur mycket pengar|vad skulle .* (spara|vinna|betyda)|vard i kronor|miljoner .* spara|\bvinner\b|\btjana\b"),
    ("savings", 1.0, r"(om|ifall|\bnar\b) .{0,60}\b(lag|lage|lag pa|kostade|hade samma|nadde|nar) .{0,40}(niva|referens|median|kvartil|som)"),
    ("profile", 0.8, r"hur ligger .* till|hur star sig|\bar .* effektiv|hur effektiv|hur ser .* ut|hur gar det|\blaget\b|\bprofil|hur bra ar|presterar|for pengarna|berätta om"),
    ("kpi_value", 0.6, r"^(vad ar|vilken|vilket|hur (hog|stor|manga|mycket|lang)|vad (kostar|har|betalar|var))\b"),
    ("out_of_scope", 2.0, r"\bregion(en)?\b|regionen\b|landsting|\bakuten\b|sjukvard|vardko"),
    ("off_topic", 0.5, r"allsvenskan|vadret|recept|statsminister|melodifestival|dikt|skamt|film"),
)
_CUES = tuple((intent, weight, re.compile(rx)) for intent, weight, rx in CUES)


@dataclass(frozen=True)
class Example:
    intent: str
    text: str


@lru_cache(maxsize=1)
def examples() -> tuple[Example, ...]:
    """The example bank, with ``{a}`` expanded to every area."""
    out: list[Example] = []
    n_area = 0
    for line in EXAMPLES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        intent, text = (part.strip() for part in line.split("|", 1))
        if intent not in INTENTS:
            raise ValueError(f"okänd avsikt i exempelbanken: {intent!r}")
        fills = ("",)
        if "{a}" in text:  # three areas per template, rotating, so every area is seen often
            fills = tuple(AREA_FILL[(n_area + j) % len(AREA_FILL)] for j in range(AREA_FILLS))
            n_area += 1
        out.extend(Example(intent, text.replace("{a}", a)) for a in fills)
    return tuple(out)


def cue_scores(folded: str) -> dict[str, float]:
    scores: dict[str, float] = {}
    for intent, weight, pattern in _CUES:
        if pattern.search(folded):
            scores[intent] = scores.get(intent, 0.0) + weight
    return scores


class IntentClassifier:
    """Cosine k-NN over the embedded example bank."""

    def __init__(self, vectors: np.ndarray, labels: tuple[str, ...]) -> None:
        self.vectors = vectors
        self.labels = np.array(labels)

    def knn(self, vector: np.ndarray, k: int = K) -> dict[str, float]:
        sims = similarities(self.vectors, vector)
        top = np.argpartition(-sims, min(k, len(sims) - 1))[:k]
        weights: dict[str, float] = {}
        for i in top:
            weights[self.labels[i]] = weights.get(self.labels[i], 0.0) + max(float(sims[i]), 0.0) ** 2
        total = sum(weights.values()) or 1.0
        return {intent: w / total for intent, w in weights.items()}


def combine(knn: dict[str, float], cues: dict[str, float]) -> list[tuple[str, float]]:
    """Intents by combined score, best first."""
    scores = {i: knn.get(i, 0.0) + CUE_WEIGHT * cues.get(i, 0.0) for i in INTENTS}
    return sorted(scores.items(), key=lambda t: -t[1])


def build_classifier(embedder, cache_dir: Path | None) -> IntentClassifier:
    """Embed the bank (each example once; cached on disk by content when ``cache_dir`` is given)."""
    from assistant.understanding.vector_cache import cached_vectors

    bank = examples()
    vectors = cached_vectors(embedder, [e.text for e in bank], "query", cache_dir,
                             lambda texts: embed_questions(embedder, texts))
    return IntentClassifier(vectors, tuple(e.intent for e in bank))


def embed_questions(embedder, texts: list[str]) -> np.ndarray:
    """Embed questions the way a user's question is embedded (the model's query prompt)."""
    model = getattr(embedder, "model", None)
    if model is not None and hasattr(model, "encode_query"):
        return np.asarray(model.encode_query(texts, batch_size=32, normalize_embeddings=True,
                                             show_progress_bar=False), dtype=np.float32)
    return np.asarray([embedder.embed_query(t) for t in texts], dtype=np.float32)
