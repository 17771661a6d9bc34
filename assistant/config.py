"""All settings in one frozen object, built from ``EFFEKT_*`` environment variables.

Nothing else in ``assistant/`` reads ``os.environ``; ``indices`` has its own single
setting (the Kolada folder) in ``indices/settings.py``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = "embeddinggemma-300m"
# How the embedding model's weights are held: full precision, bf16, or int8 linear layers
# (dynamic quantisation, one scale per output channel). Aliases fold to these names.
EMBEDDING_DTYPES = ("float32", "bfloat16", "int8")
_DTYPE_ALIASES = {"fp32": "float32", "bf16": "bfloat16", "qint8": "int8"}
DEFAULT_EMBEDDING_DTYPE = "float32"

# Nothing may phone home: these are set before any hub, Gradio or Chroma import.
_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    # OpenBLAS's worker threads spin for a while after each numpy matrix product and take the
    # two cores from the embedding model's threads: a query embedded right after one took
    # ~220 ms instead of ~130 ms (docs/benchmarks.md). Our numpy products are small; one
    # thread is enough. Read when OpenBLAS loads, so this precedes the first numpy import
    # where it can; :func:`limit_blas_threads` covers a numpy loaded before.
    "OPENBLAS_NUM_THREADS": "1",
}


def apply_offline_environment() -> None:
    """Turn off hub downloads and telemetry for this process and keep BLAS to one thread
    (idempotent; an explicit environment value wins)."""
    for key, value in _OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


def limit_blas_threads() -> None:
    """One BLAS thread for the BLAS libraries already loaded (see ``OPENBLAS_NUM_THREADS``
    above), unless the environment asks for more."""
    wanted = os.environ.get("OPENBLAS_NUM_THREADS", "1")
    if wanted.isdigit() and int(wanted) >= 1:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=int(wanted), user_api="blas")


def embedding_dtype(value: str) -> str:
    """The canonical dtype name for ``value``; raise ValueError naming an unknown one."""
    name = value.strip().lower()
    name = _DTYPE_ALIASES.get(name, name)
    if name not in EMBEDDING_DTYPES:
        raise ValueError(f"EFFEKT_EMBEDDING_DTYPE={value!r}: välj en av {', '.join(EMBEDDING_DTYPES)}")
    return name


def _shared_default(name: str) -> Path:
    """``../shared/<name>`` next to the repo, else next to the working directory."""
    for base in (REPO_ROOT.parent, Path.cwd().parent):
        candidate = base / "shared" / name
        if candidate.exists():
            return candidate
    return REPO_ROOT.parent / "shared" / name


@dataclass(frozen=True)
class Settings:
    """Every tunable of the assistant. Build with :func:`load_settings`."""

    knowledge_dir: Path
    data_dir: Path
    model_cache: Path
    embedding_model: str
    embedding_dtype: str
    chroma_mode: str
    chroma_host: str
    chroma_port: int
    collection: str
    app_host: str
    app_port: int
    concurrency_limit: int
    llm_backend: str
    llm_model: str
    llm_base_url: str
    llm_api_key: str
    llm_gguf_path: str
    llm_timeout: float
    llm_backoff: float  # seconds the chat model is skipped after a timeout or connection error
    # Secrets stay out of repr(), which keys caches and may reach a log.
    admin_password: str = field(repr=False)
    admin_password_hash: str = field(repr=False)  # "pbkdf2_sha256$<iterations>$<salt hex>$<digest hex>"
    upload_max_bytes: int
    upload_max_pages: int
    upload_max_chars: int
    feedback_url: str = field(repr=False)  # "" = SQLite in data_dir; or sqlite:///path, postgresql://user@host/db
    feedback_comment_max: int = 2000
    feedback_question_max: int = 500
    feedback_rate: int = 20  # feedback rows one session may add per minute

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def feedback_db(self) -> Path:
        return self.data_dir / "feedback.sqlite3"

    @property
    def uploads_dir(self) -> Path:
        """Documents added by users; indexed together with ``knowledge_dir``."""
        return self.data_dir / "uploads"

    @property
    def admin_enabled(self) -> bool:
        """The admin tab exists only when a password or a password hash is configured."""
        return bool(self.admin_password or self.admin_password_hash)

    @property
    def feedback_database(self) -> str:
        """The feedback database URL; SQLite in the data folder unless configured."""
        return self.feedback_url or f"sqlite:///{self.feedback_db}"

    @property
    def dense_enabled(self) -> bool:
        return self.embedding_model.lower() not in {"", "none", "off", "bm25"}

    def with_(self, **changes: object) -> "Settings":
        return replace(self, **changes)


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (default: the process environment)."""
    env = dict(os.environ if env is None else env)

    def get(name: str, default: str) -> str:
        return env.get(f"EFFEKT_{name}", default)

    cache_home = Path(env.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return Settings(
        knowledge_dir=Path(get("KNOWLEDGE_DIR", str(_shared_default("knowledge")))),
        data_dir=Path(get("DATA_DIR", str(REPO_ROOT / "var"))),
        model_cache=Path(get("MODEL_CACHE", str(cache_home / "effektiviseringsassistenten"))),
        embedding_model=get("EMBEDDING_MODEL", DEFAULT_MODEL),
        embedding_dtype=embedding_dtype(get("EMBEDDING_DTYPE", DEFAULT_EMBEDDING_DTYPE)),
        chroma_mode=get("CHROMA_MODE", "embedded"),
        chroma_host=get("CHROMA_HOST", "127.0.0.1"),
        chroma_port=int(get("CHROMA_PORT", "8000")),
        collection=get("COLLECTION", "kunskap"),
        app_host=get("HOST", "127.0.0.1"),
        app_port=int(get("PORT", "7860")),
        concurrency_limit=int(get("CONCURRENCY", "4")),
        llm_backend=get("LLM_BACKEND", "off"),
        llm_model=get("LLM_MODEL", ""),
        llm_base_url=get("LLM_BASE_URL", ""),
        llm_api_key=get("LLM_API_KEY", ""),
        llm_gguf_path=get("LLM_GGUF", ""),
        llm_timeout=float(get("LLM_TIMEOUT", "20")),
        llm_backoff=float(get("LLM_BACKOFF", "120")),
        admin_password=get("ADMIN_PASSWORD", ""),
        admin_password_hash=get("ADMIN_PASSWORD_HASH", ""),
        upload_max_bytes=int(float(get("UPLOAD_MAX_MB", "20")) * 1024 * 1024),
        upload_max_pages=int(get("UPLOAD_MAX_PAGES", "500")),
        upload_max_chars=int(get("UPLOAD_MAX_CHARS", "5000000")),
        feedback_url=get("FEEDBACK_DATABASE_URL", ""),
        feedback_comment_max=int(get("FEEDBACK_COMMENT_MAX", "2000")),
        feedback_question_max=int(get("FEEDBACK_QUESTION_MAX", "500")),
        feedback_rate=int(get("FEEDBACK_RATE", "20")),
    )
