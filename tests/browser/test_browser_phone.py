"""The app on a 390x844 phone and in a browser that asks for English: every tab reachable
by its label, chart titles and legends inside their charts, no English interface words."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow]

TIMEOUT = 120_000
TABS = (("Fråga assistenten", "#question textarea"), ("Kommunutforskaren", "#explorer-show"),
        ("Övningsläge", "#quiz-start"), ("Debattunderlag", "#brief-make"), ("Administration", "#admin-login"))
ENGLISH = re.compile(r"\b(processing|Warning|Info|Error|Submit|Loading)\b")
CHARTS = ("scatter", "trend", "bars", "dea")

# Bounding boxes of each chart's svg, title, legend and source line (the annotation that names the source).
BOXES = """id => {
  const root = document.querySelector(`#explorer-${id} .js-plotly-plot`);
  const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
                      return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const source = [...root.querySelectorAll('.annotation')].find(a => /Källa|Egna beräkningar/.test(a.textContent));
  return {svg: box(root.querySelector('.main-svg')), title: box(root.querySelector('.gtitle')),
          legend: box(root.querySelector('.legend')), source: box(source && source.querySelector('text'))};
}"""


def english_words(page) -> list[str]:
    return ENGLISH.findall(page.locator("body").inner_text())


def test_every_tab_is_reachable_by_its_label_on_a_phone(phone):
    assert phone.evaluate("document.documentElement.lang") == "sv"
    phone.get_by_role("tab", name=TABS[0][0]).wait_for(state="visible", timeout=TIMEOUT)
    assert phone.locator(".overflow-menu").count() == 0 or not phone.locator(".overflow-menu").first.is_visible()
    for name, control in TABS:
        tab = phone.get_by_role("tab", name=name)
        assert tab.is_visible(), name  # a labelled tab, not hidden behind an overflow menu
        box = tab.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, name
        tab.click()
        phone.locator(control).first.wait_for(state="visible", timeout=TIMEOUT)
        assert english_words(phone) == [], name
        phone.shot(f"telefon-{name}")
    title = phone.locator("#intro h1")
    assert title.bounding_box()["width"] <= 390
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth + 1")  # wraps between words, no overflow


def test_explorer_charts_fit_a_phone_and_say_nothing_in_english(phone):
    phone.get_by_role("tab", name="Kommunutforskaren").click()
    phone.locator("#explorer-area label", has_text="Äldreomsorg").click()
    phone.locator("#explorer-show").click()
    phone.get_by_text("Tar fram profilen", exact=False).first.wait_for(timeout=TIMEOUT)  # Swedish progress
    assert english_words(phone) == []
    phone.get_by_text("Beslutsunderlag: äldreomsorg i Växjö", exact=False).first.wait_for(timeout=TIMEOUT)
    card = phone.locator("#explorer-card").inner_text()
    assert "Bedömning:" in card and "plats" in card
    for chart in CHARTS:
        phone.locator(f"#explorer-{chart} .js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT)
        phone.locator(f"#explorer-{chart}").scroll_into_view_if_needed()
        b = phone.evaluate(BOXES, chart)
        svg, title, source, legend = b["svg"], b["title"], b["source"], b["legend"]
        assert title and svg["left"] <= title["left"] and title["right"] <= svg["right"] + 1, (chart, b)
        assert svg["top"] <= title["top"] and title["bottom"] <= svg["bottom"], (chart, b)
        assert svg["right"] <= 390 + 1, (chart, b)
        assert source and source["right"] <= svg["right"] + 1 and source["bottom"] <= svg["bottom"] + 1, (chart, b)
        if legend:
            assert legend["top"] >= source["bottom"] - 1, (chart, b)  # the legend sits below the source line
            assert legend["bottom"] <= svg["bottom"] + 1, (chart, b)
    ticks = " ".join(phone.locator("#explorer-bars .ytick text").all_text_contents())
    # Swedish ticks: "80 000" or "80 tn kr", never plotly's "80k"
    assert not re.search(r"\d(k|M|G)\b", ticks) and re.search(r"\d \d{3}|\d tn kr", ticks), ticks
    assert english_words(phone) == []


def test_chat_tool_steps_and_notifications_are_swedish(phone):
    phone.locator("#comment-send").click()  # nothing asked yet: a warning
    phone.get_by_text("Ställ en fråga först", exact=False).first.wait_for(timeout=TIMEOUT)
    assert english_words(phone) == []
    phone.locator("#question textarea").fill("Hur effektiv är grundskolan i Växjö?")
    phone.locator("#send").click()
    assert english_words(phone) == []  # while it works
    phone.get_by_text("Uppslag:", exact=False).first.wait_for(timeout=TIMEOUT)
    phone.wait_for_function("!document.querySelector('#chat .thought .pending')", timeout=TIMEOUT)
    phone.get_by_text("Uppslag:", exact=False).first.click()
    phone.get_by_text("Visa data", exact=True).first.wait_for(timeout=TIMEOUT)
    assert english_words(phone) == []
    assert phone.locator("#chat").get_by_text("Verktyg: profile").count() == 0
