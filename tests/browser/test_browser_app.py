"""The app in a real browser: chat with sources and charts, escaping, explorer, memo export, quiz."""

from __future__ import annotations

import sqlite3

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow]

FIRST_ANSWER_TIMEOUT = 120_000  # ms: the first question may wait for the model to load
TIMEOUT = 60_000


def ask(page, question: str) -> None:
    before = page.locator("#chat [data-testid='bot']").count()
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.locator("#chat [data-testid='user']").last.wait_for()
    page.wait_for_function(
        "n => document.querySelectorAll('#chat [data-testid=\"bot\"]').length > n"
        " && !document.querySelector('#chat .thought .pending, #chat [data-testid=\"status-tracker\"] .eta-bar')",
        arg=before, timeout=FIRST_ANSWER_TIMEOUT)


def test_chat_answers_in_swedish_with_sources_and_a_chart(page, app_server):
    chat = page.locator("#chat")
    ask(page, "Vad menas med effekthemtagning?")
    page.get_by_text("Källor och utdrag", exact=False).last.wait_for(timeout=TIMEOUT)
    text = chat.inner_text()
    assert "effekthemtagning" in text.lower() and "Handboken" in text
    page.get_by_text("Källor och utdrag", exact=False).last.click()  # expand the passages
    page.get_by_text("Fem goda råd för en effektivare kommunsektor", exact=False).first.wait_for(timeout=TIMEOUT)

    page.locator("#chat button[aria-label='Gilla']").last.click()  # Gradio's Swedish label for Like
    db = app_server[1] / "feedback.sqlite3"
    page.wait_for_timeout(1500)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT question, rating, sources FROM feedback").fetchall()
    assert rows and rows[-1][0] == "Vad menas med effekthemtagning?" and rows[-1][1] == 1
    assert "handbok" in rows[-1][2]

    ask(page, "Hur effektiv är grundskolan i Växjö?")
    page.locator("#chat .js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT)  # plotly drew an SVG
    text = chat.inner_text()
    assert "Växjö" in text and "Källa: Kolada" in text and "Effektivitetsindex" in text
    assert chat.get_by_text("Uppslag:", exact=False).count() >= 1  # the collapsed tool step


def test_html_in_a_question_is_shown_as_text_and_never_run(page):
    attack = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script><b>fet</b>'
    ask(page, attack)
    user = page.locator("#chat [data-testid='user']").last
    assert attack in user.inner_text()
    assert user.locator("img, script, b").count() == 0
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []


def test_explorer_shows_profile_charts_handbook_and_exports_a_memo(page, tmp_path):
    page.get_by_role("tab", name="Kommunutforskaren").click()
    kommun = page.locator("#explorer-kommun input")
    kommun.click()
    kommun.fill("Kalmar")
    page.get_by_role("option", name="Kalmar", exact=True).click()
    page.locator("#explorer-show").click()
    page.get_by_text("Beslutsunderlag: grundskola F-9 i Kalmar 2022").wait_for(timeout=TIMEOUT)
    for chart in ("scatter", "trend", "bars", "dea"):
        page.locator(f"#explorer-{chart} .js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT)
    handbook = page.locator("#explorer-handbook").inner_text()
    assert "Vad säger handboken?" in handbook and "råd" in handbook.lower()

    page.locator("#explorer-export").click()
    link = page.locator("#explorer-files tr", has_text=".pdf").locator("a")
    link.wait_for(timeout=TIMEOUT)
    with page.expect_download() as download:
        link.click()
    pdf = tmp_path / "memo.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes()[:4] == b"%PDF"
    with page.expect_download() as download:
        page.locator("#explorer-files tr", has_text=".md").locator("a").click()
    md = tmp_path / "memo.md"
    download.value.save_as(md)
    assert md.read_text(encoding="utf-8").startswith("# Beslutsunderlag: grundskola F-9 i Kalmar 2022")


def test_trainer_quiz_explains_each_answer_with_a_source(page):
    page.get_by_role("tab", name="Övningsläge").click()
    page.locator("#quiz-start").click()
    page.get_by_text("Fråga 1 av").wait_for(timeout=TIMEOUT)
    page.locator("#quiz-options label").first.click()
    page.locator("#quiz-answer").click()
    page.locator("#quiz-verdict").get_by_text("Källa:", exact=False).wait_for(timeout=TIMEOUT)
    verdict = page.locator("#quiz-verdict").inner_text()
    assert verdict.startswith(("Rätt!", "Inte rätt.")) and "Källa:" in verdict
    page.locator("#quiz-next").click()
    page.get_by_text("Fråga 2 av").wait_for(timeout=TIMEOUT)


SCROLLED_TO_TURN_JS = """() => {
  const asked = document.querySelectorAll('#chat [data-testid="user"]');
  const last = asked[asked.length - 1];
  let box = last.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 4 && getComputedStyle(box).overflowY !== 'visible')) {
    box = box.parentElement;
  }
  if (!box) return {scrollable: false};
  const top = last.getBoundingClientRect().top - box.getBoundingClientRect().top;
  return {scrollable: true, top: top, height: box.clientHeight,
          atEnd: box.scrollTop + box.clientHeight >= box.scrollHeight - 4};
}"""


def test_ask_back_choices_are_buttons_and_a_new_answer_is_shown_from_its_start(page):
    ask(page, "Hur effektiv är grundskolan i Gotham?")
    choice = page.locator("#chat").get_by_role("button", name="Hur effektiv är grundskolan i Gotland?")
    choice.wait_for(timeout=TIMEOUT)
    before = page.locator("#chat [data-testid='user']").count()
    choice.click()
    page.wait_for_function("n => document.querySelectorAll('#chat [data-testid=\"user\"]').length > n",
                           arg=before, timeout=TIMEOUT)
    page.wait_for_function(
        "() => !document.querySelector('#chat .thought .pending, #chat [data-testid=\"status-tracker\"] .eta-bar')",
        timeout=TIMEOUT)
    user = page.locator("#chat [data-testid='user']").last
    assert "Gotland" in user.inner_text()
    assert "Gotland" in page.locator("#chat [data-testid='bot']").last.inner_text() or \
        "Gotland" in page.locator("#chat").inner_text()
    page.wait_for_timeout(500)
    where = page.evaluate(SCROLLED_TO_TURN_JS)
    if where["scrollable"]:  # the question just asked is at the top of the view, not scrolled past
        assert -2 <= where["top"] <= where["height"] / 3, where  # sub-pixel rounding


def test_quiz_shows_the_right_answer_after_a_wrong_one_then_reviews_and_starts_a_new_round(page):
    page.get_by_role("tab", name="Övningsläge").click()
    page.locator("#quiz-seed input").fill("3")
    page.locator("#quiz-start").click()
    page.get_by_text("Fråga 1 av").wait_for(timeout=TIMEOUT)
    first_prompt = page.locator("#quiz-question").inner_text()
    total = int(first_prompt.split("Fråga 1 av ", 1)[1].split()[0])
    wrong_seen = False
    for i in range(1, total + 1):
        page.get_by_text(f"Fråga {i} av").wait_for(timeout=TIMEOUT)
        labels = page.locator("#quiz-options label")
        labels.last.wait_for(timeout=TIMEOUT)
        choices = [labels.nth(k).inner_text().strip() for k in range(labels.count())]
        pick = choices[(i * 2) % len(choices)]
        labels.nth((i * 2) % len(choices)).click()
        page.locator("#quiz-answer").click()
        page.locator("#quiz-verdict").get_by_text("Rätt svar:", exact=False).wait_for(timeout=TIMEOUT)
        verdict = page.locator("#quiz-verdict").inner_text()
        right = verdict.split("Rätt svar:", 1)[1].strip().splitlines()[0].strip()
        assert right in choices and "Ur källan:" in verdict and "Källa:" in verdict
        if verdict.startswith("Inte rätt."):
            wrong_seen = True
            assert right != pick  # the right option is shown, not the one picked
        page.locator("#quiz-next").click()
    assert wrong_seen, "varje svar råkade vara rätt; välj ett annat quiznummer"
    page.get_by_text("Frågor att repetera").wait_for(timeout=TIMEOUT)
    page.locator("#quiz-new-round").click()
    page.get_by_text("Fråga 1 av").wait_for(timeout=TIMEOUT)
    assert page.locator("#quiz-question").inner_text() != first_prompt
