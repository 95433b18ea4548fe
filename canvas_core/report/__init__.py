"""The plan as a document: the PDF report, the Markdown export and their command line.

`python -m canvas_core.report plan.json -o report.pdf` renders an exported plan
without the app. Like the rest of canvas_core, nothing here imports Streamlit.
"""
