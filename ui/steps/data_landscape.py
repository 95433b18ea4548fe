"""The data landscape step: figures at a glance, the picture, the findings, the inventory.

Everything shown is derived from the plan on each rerun (canvas_core computes
the findings and the picture's layout); the widgets only edit the inventory.
User text is shown with st.text or as table cells, never as Markdown.
"""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from canvas_core import levels
from canvas_core.i18n import N_, _
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
_OPEN_SECTION_KEY = "landscape-section-open"  # the open tab by its place: kept when the language changes
_ADDED_KEY = "landscape-asset-added"
SECTIONS = [N_("The landscape and findings"), N_("Inventory")]


def show(plan: Plan) -> None:
    """The step for `plan`; callbacks look the plan up when they run (another session's save
    may have replaced it)."""
    st.session_state.pop(_ADDED_KEY, None)  # a full run: the add dialog is closed anyway
    _at_a_glance(plan)
    if not read_only() and st.button(_("Add a data asset"), key="landscape-add", icon=":material/add:", type="primary"):
        _add_dialog()
    # Only the open tab is built (the table alone costs as much as the rest of the page).
    labels = [_(s) for s in SECTIONS]
    # The tab widget holds the open tab's label; a new language brings new labels, so the open tab is
    # also kept by its place and chosen again in the new words.
    opened = labels[st.session_state.get(_OPEN_SECTION_KEY, 0)]
    if st.session_state.get(SECTION_KEY) not in labels:
        st.session_state.pop(SECTION_KEY, None)
    picture_tab, inventory_tab = st.tabs(labels, key=SECTION_KEY, default=opened, on_change=_tab_opened,
                                         args=(labels,))
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


def _tab_opened(labels: list[str]) -> None:
    opened = st.session_state.get(SECTION_KEY)
    st.session_state[_OPEN_SECTION_KEY] = labels.index(opened) if opened in labels else 0


# --- at a glance --------------------------------------------------------------------


def _at_a_glance(plan: Plan) -> None:
    assets = plan.data_landscape.assets
    counts = [
        (_("Assets"), len(assets)),
        (_("Available"), sum(a.status == "available" for a in assets)),
        (_("Missing"), sum(a.status == "missing" for a in assets)),
        (_("Open questions"), sum(a.status == "question" for a in assets)),
        (_("Personal data"), sum(a.personal_data != "none" for a in assets)),
        (_("Paid"), len(dl.paid_assets(plan))),
    ]
    with st.container(key="landscape-glance", horizontal=True):
        for label, value in counts:
            st.metric(label, value, border=True)


# --- picture ------------------------------------------------------------------------


def _picture(plan: Plan) -> None:
    st.caption(_("The use of the data in the centre (the ML Canvas prediction task), then the rings: private to us, "
                 "shared with a partner, public. Colour shows the status. Hover over a dot for the asset; click it "
                 "to see all its answers."))
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
            (_("Ring"), dl.label_of(dl.SHARING_LABELS, asset.sharing)),
            (_("Status"), dl.label_of(dl.STATUS_LABELS, asset.status)),
            (_("Acquisition"), dl.label_of(dl.ACQUISITION_LABELS, asset.acquisition)),
            (_("Personal data"), dl.label_of(dl.PERSONAL_LABELS, asset.personal_data)),
            (_("Legal basis"), asset.legal_basis),
            (_("Plan to get it"), asset.acquisition_plan),
            (_("Used as"), dl.labels_of(dl.USE_LABELS, asset.uses) or _("not said")),
            (_("At prediction time"), _("yes") if asset.at_prediction_time else _("no")),
            (_("Kinds"), dl.labels_of(dl.KIND_LABELS, asset.kinds)), (_("Holds"), asset.contents),
            (_("Owner"), asset.owner), (_("Lives in"), asset.location), (_("Volume"), asset.volume),
            (_("Refresh"), asset.refresh),
            (_("Yearly cost"), format_money(asset.yearly_cost, plan.meta.currency, plan.meta.language)
             if asset.yearly_cost is not None else ""),
            (_("Paid by"), dl.paid_by(plan, asset)),
            (_("How the project uses it"), asset.use), (_("Description"), asset.description),
        ]
        st.text("\n".join(f"{label}: {value}" for label, value in rows if value))


# --- findings -----------------------------------------------------------------------


def _findings(plan: Plan) -> None:
    st.subheader(_("Findings"))
    found = dl.findings(plan)
    if not plan.data_landscape.assets:
        st.info(_("Add the data the project has and needs; the findings appear as you go."),
                icon=":material/lightbulb:")
        return
    if not found:
        st.success(_("Nothing to act on: the data is there, labelled, paid for and usable when predicting."),
                   icon=":material/check_circle:")
        return
    for finding in found:
        colour, icon = levels.MARKDOWN_COLOURS[finding.level], levels.ICONS[finding.level]
        with st.container(border=True, key=f"landscape-finding-{finding.kind}"):
            st.markdown(f"{icon} :{colour}[**{finding.title}**]")  # our own words and counts only
            st.text(finding.detail)  # names assets: plain text


def _where_answers_go() -> None:
    with st.expander(_("Where these answers are used"), key="landscape-where-used"):
        st.markdown(_("The assets are offered as suggestions on the ML Canvas (Data Sources; Features from assets "
                      "used as features and available at prediction time; Data Collection from sources of labels) "
                      "and on the MLOps Stack Canvas (Data Sources & Data Versioning). On the cost step, paid data "
                      "is linked to the cost line that pays for it, or added as a line."))
        params = link_params()
        st.page_link(page_of("ml_canvas"), label=_("Open the ML Canvas"), icon=":material/dashboard:",
                     query_params=params)
        st.page_link(page_of("costs"), label=_("Open the cost estimate"), icon=":material/payments:",
                     query_params=params)


# --- adding and editing ---------------------------------------------------------------

_CHOICES = {
    "sharing": dl.SHARING_LABELS, "status": dl.STATUS_LABELS, "acquisition": dl.ACQUISITION_LABELS,
    "personal_data": dl.PERSONAL_LABELS,
}
_FORM_FIELDS = ("name", "sharing", "status", "acquisition", "personal_data", "uses", "contents", "owner",
                "location", "yearly_cost", "legal_basis", "acquisition_plan")
_LEGAL_BASIS_HELP = N_("For personal data: on what legal basis it may be used (in the EU, an article of the GDPR), "
                        "and who confirmed it")
_PLAN_HELP = N_("For missing data: who produces or buys it, and by when")
PAID_BY = N_("Paid by (cost line)")  # the table's column id; its heading is translated


def _form_key(field: str) -> str:
    return f"landscape-new-{field}"


def _label(labels: dict[str, str]):
    """A format_func showing a stored value's label in the current language."""
    return lambda value: dl.label_of(labels, value)


def _add_dialog() -> None:
    st.dialog(_("Add a data asset"), width="large")(_add_form)()


def _add_form() -> None:
    # A submit reruns only this dialog: close it after an asset was added, else say why not.
    if st.session_state.pop(_ADDED_KEY, False):
        st.rerun()
    show_flash()
    with st.form("landscape-add-asset", border=False):
        name_col, ring_col, status_col = st.columns([3, 2, 2])
        name_col.text_input(_("Asset"), key=_form_key("name"), max_chars=300,
                            placeholder=_("e.g. Ticket database, tables tickets and assignments"))
        ring_col.selectbox(_("Ring"), list(dl.SHARING_LABELS), format_func=_label(dl.SHARING_LABELS),
                           key=_form_key("sharing"))
        status_col.selectbox(_("Status"), list(dl.STATUS_LABELS), format_func=_label(dl.STATUS_LABELS),
                             key=_form_key("status"))
        acq_col, personal_col, uses_col = st.columns([2, 2, 3])
        acq_col.selectbox(_("Acquisition"), list(dl.ACQUISITION_LABELS), format_func=_label(dl.ACQUISITION_LABELS),
                          key=_form_key("acquisition"))
        personal_col.selectbox(_("Personal data"), list(dl.PERSONAL_LABELS), format_func=_label(dl.PERSONAL_LABELS),
                               key=_form_key("personal_data"))
        uses_col.multiselect(_("Used as"), list(dl.USE_LABELS), format_func=_label(dl.USE_LABELS),
                             key=_form_key("uses"))
        holds_col, owner_col, where_col, cost_col = st.columns([3, 2, 2, 2])
        holds_col.text_input(_("Holds (entities, fields)"), key=_form_key("contents"), max_chars=300)
        owner_col.text_input(_("Owner"), key=_form_key("owner"), max_chars=300)
        where_col.text_input(_("Lives in (system, table, API)"), key=_form_key("location"), max_chars=300)
        # Text, read by canvas_core.numbers: a number input would strip "12,5" to 125 unseen.
        cost_col.text_input(_("Yearly cost"), key=_form_key("yearly_cost"),
                            placeholder=_example_amount(current_plan()))
        legal_col, plan_col = st.columns(2)
        legal_col.text_input(_("Legal basis (personal data)"), key=_form_key("legal_basis"), max_chars=5000,
                             help=_(_LEGAL_BASIS_HELP), placeholder=_("e.g. Art. 6(1)(f) GDPR, confirmed by the DPO"))
        plan_col.text_input(_("Plan to get it (missing data)"), key=_form_key("acquisition_plan"), max_chars=5000,
                            help=_(_PLAN_HELP), placeholder=_("e.g. Labelled by two dispatchers by the end of May"))
        st.form_submit_button(_("Add asset"), key="landscape-add-submit", icon=":material/add:", type="primary",
                              on_click=_submit)


def _submit() -> None:
    count = len(current_plan().data_landscape.assets)
    guarded(_add_asset)()  # a refusal leaves a message and keeps what was typed
    if len(current_plan().data_landscape.assets) > count:
        st.session_state[_ADDED_KEY] = True


def _example_amount(plan: Plan) -> str:
    return _("e.g. {amount}").format(amount=format_decimal(Decimal("4800.00"), plan.meta.language, decimals=2))


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
    st.caption(_("One row per data asset. Costs in {currency} a year.").format(currency=plan.meta.currency)
               if read_only() else
               _("One row per data asset. Every column can be edited here; add rows at the bottom of the table or "
                 "with the button above. Costs in {currency} a year.").format(currency=plan.meta.currency))
    assets = plan.data_landscape.assets
    table = tables.rows(assets, asset_edits.ASSET_COLUMNS, asset_edits.NUMBER_LIMITS, plan.meta.language)
    # Shown, not edited: the link is made on the cost step, where the lines are.
    table.insert(table.columns.get_loc("Yearly cost") + 1, PAID_BY, [dl.paid_by(plan, a) for a in assets])
    key = tables.editor_key("landscape", "landscape-assets")

    def choice(column: str, field: str, **kwargs):
        labels = _CHOICES[field]
        return st.column_config.SelectboxColumn(_(column), options=list(labels), format_func=_label(labels),
                                                required=True, **kwargs)

    st.data_editor(
        table, key=key, num_rows="fixed" if read_only() else "dynamic", hide_index=True, width="stretch",
        disabled=read_only(),
        column_config={
            # The columns keep their ids (the delta names them); each shows its heading translated.
            "Asset": st.column_config.TextColumn(_("Asset"), required=True, max_chars=300, width="medium",
                                                 pinned=True),
            "Ring": choice("Ring", "sharing", width="medium"),
            "Status": choice("Status", "status", width="medium"),
            "Plan to get it": st.column_config.TextColumn(_("Plan to get it"), max_chars=5000, width="medium",
                                                          help=_(_PLAN_HELP)),
            "Used as": st.column_config.MultiselectColumn(_("Used as"), options=list(dl.USE_LABELS),
                                                          format_func=_label(dl.USE_LABELS)),
            "At prediction time": st.column_config.CheckboxColumn(
                _("At prediction time"),
                help=_("Does the model have this data when it must predict? Data only known afterwards cannot be a "
                       "feature.")),
            "Acquisition": choice("Acquisition", "acquisition"),
            "Personal data": choice("Personal data", "personal_data"),
            "Legal basis": st.column_config.TextColumn(_("Legal basis"), max_chars=5000, width="medium",
                                                       help=_(_LEGAL_BASIS_HELP)),
            "Kinds": st.column_config.MultiselectColumn(_("Kinds"), options=list(dl.KIND_LABELS),
                                                        format_func=_label(dl.KIND_LABELS)),
            "Holds": st.column_config.TextColumn(_("Holds"), max_chars=300, help=_("The entities or fields it holds")),
            "Owner": st.column_config.TextColumn(_("Owner"), max_chars=300, help=_("Whom to ask for access")),
            "Lives in": st.column_config.TextColumn(_("Lives in"), max_chars=300, help=_("System, table, API or file")),
            "Volume": st.column_config.TextColumn(_("Volume"), max_chars=300),
            "Refresh": st.column_config.TextColumn(_("Refresh"), max_chars=300,
                                                   help=_("How often it changes or is delivered")),
            "Yearly cost": tables.number_column(label=_("Yearly cost")),
            PAID_BY: st.column_config.TextColumn(_(PAID_BY), disabled=True,
                                                 help=_("Linked on the cost step, or a data line with the asset's "
                                                        "name")),
            "How the project uses it": st.column_config.TextColumn(_("How the project uses it"), max_chars=5000,
                                                                   width="medium"),
            "Description": st.column_config.TextColumn(_("Description"), max_chars=5000, width="medium"),
        },
        on_change=guarded(_apply_table), args=(key, [a.id for a in assets]),
    )


def _apply_table(key: str, row_ids: list[str]) -> None:
    with tables.renewed("landscape"):  # applied or refused, the table shows the plan afresh
        asset_edits.apply_asset_edits(current_plan(), row_ids, st.session_state[key])
