"""Start Effektiviseringsassistenten: ``python app.py --host 127.0.0.1 --port 7860``.

Host and port default to the settings (EFFEKT_HOST, EFFEKT_PORT; 127.0.0.1:7860).
Telemetry is switched off before Gradio is imported.
"""

from __future__ import annotations

import argparse
import logging

from assistant.config import Settings, apply_offline_environment, load_settings


def parse_args(argv: list[str] | None, settings: Settings) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Starta Effektiviseringsassistentens webbgränssnitt.")
    parser.add_argument("--host", default=settings.app_host, help="adress att lyssna på (standard: %(default)s)")
    parser.add_argument("--port", type=int, default=settings.app_port, help="port (standard: %(default)s)")
    parser.add_argument("--no-warm-up", action="store_true", help="läs inte in modellen i förväg")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    settings = load_settings()
    args = parse_args(argv, settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "fontTools"):  # request lines and PDF font subsetting
        logging.getLogger(noisy).setLevel(logging.WARNING)
    apply_offline_environment()
    from assistant.ui import build_app, launch, warm_up

    demo = build_app(settings=settings)
    launch(demo, args.host, args.port, prevent_thread_lock=True, quiet=False)
    if not args.no_warm_up:
        warm_up(demo)
    demo.block_thread()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
