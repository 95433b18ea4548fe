"""The app's configuration, read from the environment in one place.

Nothing happens on import: each function reads the environment when it is
called, so tests and the command line can set it first. The folder of the
SQLite file is made by the store when it first opens the file.

    MLCS_DATABASE_URL   any SQLAlchemy URL (PostgreSQL for several replicas)
    MLCS_DATA_DIR       folder of the default SQLite file (default: var/ in the project)
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

# One limit for every way in. It is the uploader's (server.maxUploadSize in
# .streamlit/config.toml, in MB; a test keeps the two equal) as Streamlit applies it in
# the browser, where 1 MB is 1,000,000 bytes (its server and a browser on Windows count
# 1,048,576, so they let a little more through, which the app then refuses).
MAX_IMPORT_MB = 5
MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1_000_000
RETENTION = timedelta(days=30)  # how long a deleted plan can be restored

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "var"


def data_dir() -> Path:
    return Path(os.environ.get("MLCS_DATA_DIR") or DEFAULT_DATA_DIR)


def database_url() -> str:
    """MLCS_DATABASE_URL if set, else the SQLite file plans.sqlite3 in the data folder."""
    return os.environ.get("MLCS_DATABASE_URL", "").strip() or f"sqlite:///{data_dir() / 'plans.sqlite3'}"
