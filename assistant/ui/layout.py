"""The page's look: CSS for desktop and a 390 px phone, and the ``<head>`` that makes the
page Swedish (``lang="sv"``, and Gradio's own labels in Swedish whatever the browser's language)."""

from __future__ import annotations

# Runs before Gradio's scripts: the page language, and the locale Gradio picks its
# built-in labels by (it reads navigator.language).
HEAD = """<script>
document.documentElement.lang = "sv";
try {
  Object.defineProperty(navigator, "language", {get: () => "sv-SE"});
  Object.defineProperty(navigator, "languages", {get: () => ["sv-SE", "sv"]});
} catch (e) {}
new MutationObserver(() => { if (document.documentElement.lang !== "sv") document.documentElement.lang = "sv"; })
  .observe(document.documentElement, {attributes: true, attributeFilter: ["lang"]});
</script>"""

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
  #intro h1 { font-size: 1.5rem; }
  .controls { flex-direction: column; }
  .document h1 { font-size: 1.3rem; }
  .document h2 { font-size: 1.1rem; }
}
"""
