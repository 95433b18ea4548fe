"""The data landscape step: figures at a glance, the picture, the findings, the inventory.

Everything shown is derived from the plan on each rerun (canvas_core computes
the findings and the picture's layout); the widgets only edit the inventory.
User text is shown with st.text or as table cells, never as Markdown.
"""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from canvas_core import levels
from canvas_core.numbers import format_decimal
from canvas_core.plan import DataAsset, Plan
from canvas_core.steps.costs.rules import format_money
from canvas_core.steps.data_landscape import edits as asset_edits
from canvas_core.steps.data_landscape import rules as dl
from canvas_core.steps.data_landscape.picture import landscape_picture
from ui import tables
from ui.navigation import page_of
from ui.state import current_plan, guarded, link_params, read_only, show_flash
from ui.steps.data_landscape_chart import landscape_figure

PICTURE_KEY = "landscape-picture"
SECTION_KEY = "landscape-section"
_ADDED_KEY = "landscape-asset-added"
SECTIONS = ["The landscape and findings", "Inventory"]


def show(plan: Plan) -> None:
    """The step for `plan`; callbacks look the plan up when they run (another session's save
    may have replaced it)."""
    st.session_state.pop(_ADDED_KEY, None)  # a full run: the add dialog is closed anyway
    _at_a_glance(plan)
    if not read_only() and st.button("Add a data asset", key="landscape-add", icon=":material/add:", type="primary"):
        _add_dialog()
    # Only the open tab is built (the table alone costs as much as the rest of the page).
    picture_tab, inventory_tab = st.tabs(SECTIONS, key=SECTION_KEY, on_change="rerun")
    if picture_tab.open:
        with picture_tab:
            picture_col, findings_col = st.columns([5, 3], gap="large")
            with picture_col:
                _picture(plan)
            with findings_col:
                _findings(plan)
                _where_answers_go()
    if inventory_tab.open:
        with inventory_tab:
            _inventory(plan)


# --- at a glance --------------------------------------------------------------------


def _at_a_glance(plan: Plan) -> None:
    assets = plan.data_landscape.assets
    counts = [
        ("Assets", len(assets)),
        ("Available", sum(a.status == "available" for a in assets)),
        ("Missing", sum(a.status == "missing" for a in assets)),
        ("Open questions", sum(a.status == "question" for a in assets)),
        ("Personal data", sum(a.personal_data != "none" for a in assets)),
        ("Paid", len(dl.paid_assets(plan))),
    ]
    with st.container(key="landscape-glance", horizontal=True):
        for label, value in counts:
            st.metric(label, value, border=True)


# --- picture ------------------------------------------------------------------------


def _picture(plan: Plan) -> None:
    st.caption("The use of the data in the centre (the ML Canvas prediction task), then the rings: private to us, "
               "shared with a partner, public. Colour shows the status. Hover over a dot for the asset; click it "
               "to see all its answers.")
    event = st.plotly_chart(landscape_figure(landscape_picture(plan)), key=PICTURE_KEY, on_select="rerun",
                            selection_mode="points", config={"displayModeBar": False})
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    chosen = next((p.get("customdata") for p in points if p.get("customdata")), None)
    asset = next((a for a in plan.data_landscape.assets if a.id == chosen), None)
    if asset is not None:
        _asset_card(plan, asset)


def _asset_card(plan: Plan, asset: DataAsset) -> None:
    with st.container(border=True, key="landscape-selected"):
        st.text(asset.name)
        rows = [
            ("Ring", dl.SHARING_LABELS[asset.sharing]), ("Status", dl.STATUS_LABELS[asset.status]),
            ("Acquisition", dl.ACQUISITION_LABELS[asset.acquisition]),
            ("Personal data", dl.PERSONAL_LABELS[asset.personal_data]), ("Legal basis", asset.legal_basis),
            ("Plan to get it", asset.acquisition_plan),
            ("Used as", ", ".join(dl.USE_LABELS[u] for u in asset.uses) or "not said"),
            ("At prediction time", "yes" if asset.at_prediction_time else "no"),
            ("Kinds", ", ".join(dl.KIND_LABELS[k] for k in asset.kinds)), ("Holds", asset.contents),
            ("Owner", asset.owner), ("Lives in", asset.location), ("Volume", asset.volume),
            ("Refresh", asset.refresh),
            ("Yearly cost", format_money(asset.yearly_cost, plan.meta.currency, plan.meta.language)
             if asset.yearly_cost is not None else ""),
            ("Paid by", dl.paid_by(plan, asset)),
            ("How the project uses it", asset.use), ("Description", asset.description),
        ]
        st.text("\n".join(f"{label}: {value}" for label, value in rows if value))


# --- findings -----------------------------------------------------------------------


def _findings(plan: Plan) -> None:
    st.subheader("Findings")
    found = dl.findings(plan)
    if not plan.data_landscape.assets:
        st.info("Add the data the project has and needs; the findings appear as you go.",
                icon=":material/lightbulb:")
        return
    if not found:
        st.success("Nothing to act on: the data is there, labelled, paid for and usable when predicting.",
                   icon=":material/check_circle:")
        return
    for finding in found:
        colour, icon = levels.MARKDOWN_COLOURS[finding.level], levels.ICONS[finding.level]
        with st.container(border=True, key=f"landscape-finding-{finding.kind}"):
            st.markdown(f"{icon} :{colour}[**{finding.title}**]")  # our own words and counts only
            st.text(finding.detail)  # names assets: plain text


def _where_answers_go() -> None:
    with st.expander("Where these answers are used"):
        st.markdown("The assets are offered as suggestions on the ML Canvas (Data Sources; Features from assets "
                    "used as features and available at prediction time; Data Collection from sources of labels) "
                    "and on the MLOps Stack Canvas (Data Sources & Data Versioning). On the cost step, paid data is "
                    "linked to the cost line that pays for it, or added as a line.")
        params = link_params()
        st.page_link(page_of("ml_canvas"), label="Open the ML Canvas", icon=":material/dashboard:",
                     query_params=params)
        st.page_link(page_of("costs"), label="Open the cost estimate", icon=":material/payments:",
                     query_params=params)


# --- adding and editing ---------------------------------------------------------------

_CHOICES = {
    "sharing": dl.SHARING_LABELS, "status": dl.STATUS_LABELS, "acquisition": dl.ACQUISITION_LABELS,
    "personal_data": dl.PERSONAL_LABELS,
}
_FORM_FIELDS = ("name", "sharing", "status", "acquisition", "personal_data", "uses", "contents", "owner",
                "location", "yearly_cost", "legal_basis", "acquisition_plan")
_LEGAL_BASIS_HELP = ("For personal data: on what legal basis it may be used (in the EU, an article of the GDPR), "
                     "and who confirmed it")
_PLAN_HELP = "For missing data: who produces or buys it, and by when"
PAID_BY = "Paid by (cost line)"


def _form_key(field: str) -> str:
    return f"landscape-new-{field}"


@st.dialog("Add a data asset", width="large")
def _add_dialog() -> None:
    # A submit reruns only this dialog: close it after an asset was added, else say why not.
    if st.session_state.pop(_ADDED_KEY, False):
        st.rerun()
    show_flash()
    with st.form("landscape-add-asset", border=False):
        name_col, ring_col, status_col = st.columns([3, 2, 2])
        name_col.text_input("Asset", key=_form_key("name"), max_chars=300,
                            placeholder="e.g. Ticket database, tables tickets and assignments")
        ring_col.selectbox("Ring", list(dl.SHARING_LABELS), format_func=dl.SHARING_LABELS.get,
                           key=_form_key("sharing"))
        status_col.selectbox("Status", list(dl.STATUS_LABELS), format_func=dl.STATUS_LABELS.get,
                             key=_form_key("status"))
        acq_col, personal_col, uses_col = st.columns([2, 2, 3])
        acq_col.selectbox("Acquisition", list(dl.ACQUISITION_LABELS), format_func=dl.ACQUISITION_LABELS.get,
                          key=_form_key("acquisition"))
        personal_col.selectbox("Personal data", list(dl.PERSONAL_LABELS), format_func=dl.PERSONAL_LABELS.get,
                               key=_form_key("personal_data"))
        uses_col.multiselect("Used as", list(dl.USE_LABELS), format_func=dl.USE_LABELS.get, key=_form_key("uses"))
        holds_col, owner_col, where_col, cost_col = st.columns([3, 2, 2, 2])
        holds_col.text_input("Holds (entities, fields)", key=_form_key("contents"), max_chars=300)
        owner_col.text_input("Owner", key=_form_key("owner"), max_chars=300)
        where_col.text_input("Lives in (system, table, API)", key=_form_key("location"), max_chars=300)
        # Text, read by canvas_core.numbers: a number input would strip "12,5" to 125 unseen.
        cost_col.text_input("Yearly cost", key=_form_key("yearly_cost"), placeholder=_example_amount(current_plan()))
        legal_col, plan_col = st.columns(2)
        legal_col.text_input("Legal basis (personal data)", key=_form_key("legal_basis"), max_chars=5000,
                             help=_LEGAL_BASIS_HELP, placeholder="e.g. Art. 6(1)(f) GDPR, confirmed by the DPO")
        plan_col.text_input("Plan to get it (missing data)", key=_form_key("acquisition_plan"), max_chars=5000,
                            help=_PLAN_HELP, placeholder="e.g. Labelled by two dispatchers by the end of May")
        st.form_submit_button("Add asset", icon=":material/add:", type="primary", on_click=_submit)


def _submit() -> None:
    count = len(current_plan().data_landscape.assets)
    guarded(_add_asset)()  # a refusal leaves a message and keeps what was typed
    if len(current_plan().data_landscape.assets) > count:
        st.session_state[_ADDED_KEY] = True


def _example_amount(plan: Plan) -> str:
    return "e.g. " + format_decimal(Decimal("4800.00"), plan.meta.language, decimals=2)


def _add_asset() -> None:
    state = st.session_state
    plan = current_plan()
    values = {field: state[_form_key(field)] for field in _FORM_FIELDS}
    cost = asset_edits.typed_yearly_cost(values.pop("yearly_cost"), plan.meta.language)
    asset_edits.add_asset(plan, values.pop("name"), **values, yearly_cost=cost)
    for field in _FORM_FIELDS:  # the next asset starts from a blank form
        state.pop(_form_key(field), None)
    tables.renew("landscape")


def _inventory(plan: Plan) -> None:
    st.caption(f"One row per data asset. Costs in {plan.meta.currency} a year." if read_only() else
               "One row per data asset. Every column can be edited here; add rows at the bottom of the table or "
               f"with the button above. Costs in {plan.meta.currency} a year.")
    assets = plan.data_landscape.assets
    table = tables.rows(assets, asset_edits.ASSET_COLUMNS, asset_edits.NUMBER_LIMITS, plan.meta.language)
    # Shown, not edited: the link is made on the cost step, where the lines are.
    table.insert(table.columns.get_loc("Yearly cost") + 1, PAID_BY, [dl.paid_by(plan, a) for a in assets])
    key = tables.editor_key("landscape", "landscape-assets")

    def choice(field: str, **kwargs):
        labels = _CHOICES[field]
        return st.column_config.SelectboxColumn(options=list(labels), format_func=labels.get, required=True, **kwargs)

    st.data_editor(
        table, key=key, num_rows="fixed" if read_only() else "dynamic", hide_index=True, width="stretch",
        disabled=read_only(),
        column_config={
            "Asset": st.column_config.TextColumn(required=True, max_chars=300, width="medium", pinned=True),
            "Ring": choice("sharing", width="medium"),
            "Status": choice("status", width="medium"),
            "Plan to get it": st.column_config.TextColumn(max_chars=5000, width="medium", help=_PLAN_HELP),
            "Used as": st.column_config.MultiselectColumn(options=list(dl.USE_LABELS), format_func=dl.USE_LABELS.get),
            "At prediction time": st.column_config.CheckboxColumn(
                help="Does the model have this data when it must predict? Data only known afterwards cannot be a "
                     "feature."),
            "Acquisition": choice("acquisition"),
            "Personal data": choice("personal_data"),
            "Legal basis": st.column_config.TextColumn(max_chars=5000, width="medium", help=_LEGAL_BASIS_HELP),
            "Kinds": st.column_config.MultiselectColumn(options=list(dl.KIND_LABELS), format_func=dl.KIND_LABELS.get),
            "Holds": st.column_config.TextColumn(max_chars=300, help="The entities or fields it holds"),
            "Owner": st.column_config.TextColumn(max_chars=300, help="Whom to ask for access"),
            "Lives in": st.column_config.TextColumn(max_chars=300, help="System, table, API or file"),
            "Volume": st.column_config.TextColumn(max_chars=300),
            "Refresh": st.column_config.TextColumn(max_chars=300, help="How often it changes or is delivered"),
            "Yearly cost": tables.number_column(),
            PAID_BY: st.column_config.TextColumn(disabled=True, help="Linked on the cost step, or a data line "
                                                 "with the asset's name"),
            "How the project uses it": st.column_config.TextColumn(max_chars=5000, width="medium"),
            "Description": st.column_config.TextColumn(max_chars=5000, width="medium"),
        },
        on_change=guarded(_apply_table), args=(key, [a.id for a in assets]),
    )


def _apply_table(key: str, row_ids: list[str]) -> None:
    with tables.renewed("landscape"):  # applied or refused, the table shows the plan afresh
        asset_edits.apply_asset_edits(current_plan(), row_ids, st.session_state[key])
