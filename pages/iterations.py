"""Iterations: freeze the plan as it stands, list the snapshots, compare two of them."""

import streamlit as st

from canvas_core.canvas import editing
from canvas_core.canvas.specs import canvases
from canvas_core.canvas.titles import shown_title
from canvas_core.compare import compare
from canvas_core.i18n import _, datetime_text
from canvas_core.store import IterationExists
from ui.state import current_plan, guarded, is_stored, plan_store, read_only, show_flash

st.title(_("Iterations"))
st.caption(_("Save the plan as an iteration before a bigger change; compare any two iterations, or an "
             "iteration with the plan as it is now, block by block."))
show_flash()

CURRENT = 0  # option value for "the plan now"


def save_iteration(number: int, label_key: str) -> None:
    """Freeze iteration N of the plan, then carry on as iteration N + 1 (the plan's iteration counts)."""
    label = st.session_state[label_key].strip() or _("Iteration {number}").format(number=number)
    try:
        plan_store().add_iteration(current_plan(), number, label)
    except IterationExists as exists:
        raise editing.EditError(_("Iteration {number} is already saved for this plan. Raise the plan's iteration on "
                                  "Home to save another.").format(number=number)) from exists
    editing.set_detail(current_plan(), iteration=number + 1)
    st.session_state[label_key] = ""


def _version(plan, choice: int):
    return current_plan() if choice == CURRENT else plan_store().get_iteration(plan.id, choice)


def show() -> None:
    # Returns early instead of st.stop(): the sidebar is drawn after the page (app.py).
    plan = current_plan()
    if read_only():
        st.info(_("Iterations are saved and compared with the plan's edit link; this tab has its view-only link."),
                icon=":material/visibility:")
        return
    if not is_stored():
        st.info(_("Add something to the plan first: a new plan is saved on its first change."), icon=":material/info:")
        return

    number = plan.meta.iteration
    with st.container(border=True):
        st.markdown(_("**Save the plan as iteration {number}**").format(number=number))
        st.text_input(_("What this iteration is"), key="iteration-label", placeholder=_("e.g. After the first workshop"),
                      max_chars=300)
        st.button(_("Save as iteration {number}").format(number=number), key="save-iteration",
                  icon=":material/bookmark_add:", on_click=guarded(save_iteration), args=(number, "iteration-label"))

    saved = plan_store().list_iterations(plan.id)
    if not saved:
        st.caption(_("No iteration saved yet."))
        return

    st.subheader(_("Saved iterations"))
    st.dataframe(
        [{_("Iteration"): i.number, _("Label"): i.label, _("Saved"): datetime_text(i.created_at)} for i in saved],
        hide_index=True,
    )

    st.subheader(_("Compare"))
    options = [i.number for i in saved] + [CURRENT]
    labels = {i.number: _("Iteration {number}: {label}").format(number=i.number, label=i.label) for i in saved}
    labels[CURRENT] = _("The plan now")
    left, right = st.columns(2)
    older = left.selectbox(_("From"), options, index=max(0, len(options) - 2), format_func=labels.get, key="compare-from")
    newer = right.selectbox(_("To"), options, index=len(options) - 1, format_func=labels.get, key="compare-to")

    result = compare(_version(plan, older), _version(plan, newer), canvases())
    if result.empty:
        st.success(_("No differences."), icon=":material/check:")
    for change in result.blocks:
        with st.container(border=True, key=f"diff-{change.canvas}-{change.block}".replace(" ", "-").replace("&", "and")):
            st.markdown(f"**{shown_title(change.canvas)} · {shown_title(change.block)}**")
            lines = [f"+ {t}" for t in change.added] + [f"− {t}" for t in change.removed]
            lines += [f"~ {before}\n  → {after}" for before, after in change.changed]
            lines += [f"{label}: {before} → {after}" for label, before, after in change.fields]
            st.text("\n".join(lines))  # user text: plain
    if result.other:
        with st.container(border=True, key="diff-other-steps"):
            st.markdown(_("**Other steps**"))
            st.text("\n".join(f"{_(c.step)} › {c.where}: {c.before} → {c.after}" for c in result.other))


show()
