"""Start the app: `python -m ui.launch [streamlit run options]` (what `make run` does).

Streamlit sees the `pages/` folder next to app.py and, until some session has
run `st.navigation`, treats the app as an old-style multipage app: the first
request after a start that is a link to a step (a bookmark, a link in a report)
gets a "Page not found" dialog, and /<page file name> serves that script bare,
without the app around it. app.py declares every page with st.navigation, so
the folder's old meaning is switched off before the server starts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from ui import fragment_reruns

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False  # the pages are declared in app.py, not by the folder
    fragment_reruns.install()  # before the first session: a tab may come back after a restart
    sys.argv = ["streamlit", "run", str(APP), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
