"""The page's look: CSS for desktop and a 390 px phone, and the ``<head>`` that makes the
page Swedish (``lang="sv"``, and Gradio's own labels in Swedish whatever the browser's language)."""

from __future__ import annotations

import json

from assistant.ui import texts

# Runs before Gradio's scripts: the page language, and the locale Gradio picks its
# built-in labels by (it reads navigator.language). Gradio 6 titles a notification with
# its English type ("Warning"), whatever title it was given: the observer puts the
# Swedish title in its place.
HEAD = """<script>
document.documentElement.lang = "sv";
try {
  Object.defineProperty(navigator, "language", {get: () => "sv-SE"});
  Object.defineProperty(navigator, "languages", {get: () => ["sv-SE", "sv"]});
} catch (e) {}
(() => {
  const titles = %s;
  const swedish = () => {
    if (document.documentElement.lang !== "sv") document.documentElement.lang = "sv";
    for (const title of document.querySelectorAll(".toast-title")) {
      const kind = [...title.classList].find(c => c in titles);
      const text = [...title.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (kind && text && text.textContent.trim() !== titles[kind]) text.textContent = titles[kind] + " ";
    }
  };
  const watch = () => new MutationObserver(swedish).observe(document.documentElement,
    {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["lang"]});
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", watch) : watch();
})();
</script>""" % json.dumps(texts.TOAST_TITLES, ensure_ascii=False)

CSS = """
footer { display: none !important; }
#chat .message-wrap .message { font-size: 15px; }
/* Gradio's English run-time line ("processing | 2.1/13.5s"); each tab shows its own Swedish progress text. */
.progress-text, .meta-text, .meta-text-center { display: none !important; }
/* Titles wrap between words, never inside one. */
h1, h2, h3, .tab-container button { word-break: normal; overflow-wrap: normal; hyphens: manual; }
#tabs .tab-container button { max-width: none; text-overflow: clip; }
/* Tables scroll sideways instead of breaking words. */
.prose table, .document table { display: block; overflow-x: auto; max-width: 100%; }
.prose td, .prose th { word-break: normal; overflow-wrap: normal; white-space: nowrap; }
.prose td:first-child { white-space: normal; min-width: 12em; }
.js-plotly-plot, .plot-container { max-width: 100%; }
@media (max-width: 600px) {
  .gradio-container { padding: 0 6px !important; }
  #intro h1 { font-size: clamp(1.1rem, 5.4vw, 2rem) !important; }
  /* Plotly's tool bar would cover the chart titles; zoom and download stay on desktop. */
  .js-plotly-plot .modebar-container { display: none !important; }
  .controls { flex-direction: column; }
  .document h1 { font-size: 1.3rem; }
  .document h2 { font-size: 1.1rem; }
}
"""
