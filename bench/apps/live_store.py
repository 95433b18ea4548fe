"""The stand-in board's SQLite store: notes and one version number bumped by every write."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS board (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT OR IGNORE INTO board (id, version) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, author TEXT NOT NULL, body TEXT NOT NULL,
                                  created REAL NOT NULL);
"""


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=10, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    return connection


def setup(path: Path) -> None:
    with connect(path) as connection:
        connection.executescript(SCHEMA)


def add_note(author: str, body: str, path: Path) -> None:
    """What the note entry's callback does; also used to add notes without a session."""
    connection = connect(path)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO notes (author, body, created) VALUES (?, ?, ?)", (author, body, time.time()))
        connection.execute("UPDATE board SET version = version + 1 WHERE id = 1")
        connection.execute("COMMIT")
    finally:
        connection.close()


def version(path: Path) -> int:
    connection = connect(path)
    try:
        return connection.execute("SELECT version FROM board WHERE id = 1").fetchone()[0]
    finally:
        connection.close()


def notes(path: Path) -> list[tuple[str, str]]:
    connection = connect(path)
    try:
        return connection.execute("SELECT author, body FROM notes ORDER BY id").fetchall()
    finally:
        connection.close()
