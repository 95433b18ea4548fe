"""The domain of ML Canvas Studio: plans, canvas specs, links and scoring.

Nothing in this package imports Streamlit; it is usable from a plain Python
shell, a command line tool and the tests alike.
"""
