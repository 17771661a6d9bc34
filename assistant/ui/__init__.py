"""The Gradio interface: chat, kommun explorer, trainer quiz, debate brief and administration.

:func:`build_app` builds the Blocks; :func:`launch` starts it with the theme and settings.
Import this package only after :func:`assistant.config.apply_offline_environment`.
"""

from assistant.ui.app import build_app, launch, warm_up

__all__ = ["build_app", "launch", "warm_up"]
