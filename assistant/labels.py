"""Swedish names for the service areas and the data's year span, defined once.

Every tab, chart and document names an area through these helpers, so a new area in
:mod:`indices.areas` appears everywhere with one entry here (its definite form).
"""

from __future__ import annotations

import indices

# "Hur effektiv är grundskolan?": the definite form used inside a sentence.
DEFINITE = {
    "forskola": "förskolan", "grundskola": "grundskolan", "gymnasieskola": "gymnasieskolan",
    "aldreomsorg": "äldreomsorgen", "lss": "LSS-verksamheten", "ekonomiskt_bistand": "det ekonomiska biståndet",
    "ifo": "individ- och familjeomsorgen", "kommunen": "kommunen",
}

# "inom ekonomiskt bistånd": the plain everyday name, shorter than the label.
PLAIN = {
    "forskola": "förskola", "grundskola": "grundskola", "gymnasieskola": "gymnasieskola",
    "aldreomsorg": "äldreomsorg", "lss": "LSS", "ekonomiskt_bistand": "ekonomiskt bistånd",
    "ifo": "individ- och familjeomsorg", "kommunen": "kommunen som helhet",
}


def area_text(area: str | indices.AreaSpec) -> str:
    """The area's label as it reads inside a sentence: "grundskola F-9", "äldreomsorg"."""
    spec = area if isinstance(area, indices.AreaSpec) else indices.get_area(area)
    label = spec.label
    return label if label[:3].isupper() else label[0].lower() + label[1:]


def area_definite(area: str | indices.AreaSpec) -> str:
    """"grundskolan", "äldreomsorgen"; the plain label for an area without a definite form."""
    spec = area if isinstance(area, indices.AreaSpec) else indices.get_area(area)
    return DEFINITE.get(spec.id, area_text(spec))


def area_plain(area: str | indices.AreaSpec) -> str:
    """"förskola", "ekonomiskt bistånd": the everyday name used inside a sentence."""
    spec = area if isinstance(area, indices.AreaSpec) else indices.get_area(area)
    return PLAIN.get(spec.id, area_text(spec))


def area_choices() -> list[tuple[str, str]]:
    """(label, id) for every area the data supports, for radio buttons and menus."""
    return [(spec.label, spec.id) for spec in indices.AREAS.values()]


def span_text(span: tuple[int, int]) -> str:
    """"2010–2022" for the span :func:`indices.year_span` reads from the data."""
    return f"{span[0]}–{span[1]}"
