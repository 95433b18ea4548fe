"""The cost step: lines by category with low / expected / high, the maintenance
assumption, the horizon, totals, charts with their numbers, and what the other
steps suggest."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from canvas_core.canvas.specs import canvases
from canvas_core.i18n import N_, _, ngettext
from canvas_core.numbers import format_decimal
from canvas_core.plan import CostLine, DataAsset, Plan
from canvas_core.steps.costs import edits as cost_edits
from canvas_core.steps.costs import rules as costs
from canvas_core.steps.data_landscape import rules as data_landscape
from canvas_core.steps.workflow import rules as workflow
from ui import tables
from ui.state import current_plan, guarded, read_only, sync
from ui.steps import costs_charts as cost_charts


def show(plan: Plan) -> None:
    """The step for `plan`; callbacks look the plan up when they run (another session's save
    may have replaced it)."""
    currency, language = plan.meta.currency, plan.meta.language
    _settings(plan)
    _lines(plan, currency, language)
    summary = costs.summarize(plan.costs)
    _totals(summary, currency, language)
    _charts(summary, currency, language)
    _from_other_steps(plan, summary, currency, language)


def _money(amount, currency: str, language: str) -> str:
    return costs.format_money(amount, currency, language)


# --- settings ----------------------------------------------------------------------


def _settings(plan: Plan) -> None:
    share_col, horizon_col = st.columns([2, 1])
    sync("cost-maintenance-share", int(plan.costs.maintenance_share * 100))
    share_col.slider(_("System maintenance per year, % of the initial development cost"), 10, 30, step=1,
                     disabled=read_only(),
                     key="cost-maintenance-share", format="%d %%",
                     on_change=guarded(_set_share), args=("cost-maintenance-share",))
    share_col.caption(_(
        "Assumption, 20 % by default. No solid figure for ML systems was found: general software studies put "
        "maintenance at 40-80 % of life-cycle cost, and vendor write-ups quote about 20 % of development per "
        "year. Set it to what your organisation sees."
    ))
    sync("cost-horizon", plan.costs.horizon_years)
    years = {y: ngettext("{count} year", "{count} years", y).format(count=y) for y in (1, 2, 3, 4, 5)}
    horizon_col.selectbox(_("Horizon for the total cost of ownership"), list(years), key="cost-horizon",
                          disabled=read_only(), format_func=years.get,
                          on_change=guarded(_set_horizon), args=("cost-horizon",))


def _set_share(key: str) -> None:
    cost_edits.set_maintenance_share(current_plan(), st.session_state[key])


def _set_horizon(key: str) -> None:
    cost_edits.set_horizon(current_plan(), st.session_state[key])


# --- lines -----------------------------------------------------------------------------


def _lines(plan: Plan, currency: str, language: str) -> None:
    st.subheader(_("Cost lines"))
    st.caption(_("One-time: staff, infrastructure for full-scale development, change management. Running, per "
                 "year: operational maintenance and data; system maintenance is computed from the share above. "
                 "Amounts in {currency}. A staff line with people, months and all three monthly rates computes its "
                 "amounts (people × months × rate); they cannot be typed over. Other lines take their amounts as "
                 "typed. Covers names the running cost a line pays for (serving, retraining, monitoring, labelling, "
                 "external data), so the canvases' answers can be checked against the lines.").format(
        currency=currency))
    lines = plan.costs.lines
    key = tables.editor_key("costs", "cost-lines")
    rate_help = _("Staff lines: the monthly rate of one full-time person; with all three rates the amounts are "
                  "computed")
    amount_help = _("Typed for every line except a staff line with rates, whose amounts are computed")
    # The data's columns keep their English names (the edit delta is keyed on them); only the headings translate.
    st.data_editor(
        _table_rows(lines, language), key=key, num_rows="fixed" if read_only() else "dynamic", hide_index=True,
        width="stretch", disabled=read_only(),
        column_config={
            "Category": st.column_config.SelectboxColumn(_("Category"), options=list(costs.TAXONOMY), required=True,
                                                         format_func=costs.category_label, width="medium"),
            "Item": st.column_config.TextColumn(_("Item"), required=True, max_chars=300, width="medium"),
            "People": tables.number_column(label=_("People"),
                                           help=_("Staff lines: full-time people, e.g. {example} for two days a "
                                                  "week").format(example=format_decimal(Decimal("0.4"), language))),
            "Months": tables.number_column(label=_("Months"), help=_("Staff lines: months on the project")),
            "Rate low": tables.number_column(label=_("Rate low"), help=rate_help),
            "Rate expected": tables.number_column(label=_("Rate expected"), help=rate_help),
            "Rate high": tables.number_column(label=_("Rate high"), help=rate_help),
            "Low": tables.number_column(label=_("Low"), help=amount_help),
            "Expected": tables.number_column(label=_("Expected"), help=amount_help),
            "High": tables.number_column(label=_("High"), help=amount_help),
            "Note": st.column_config.TextColumn(_("Note"), max_chars=5000, width="medium"),
            "Assumption": st.column_config.CheckboxColumn(_("Assumption"),
                                                          help=_("A default or guess to be confirmed")),
            "Covers": st.column_config.SelectboxColumn(
                _("Covers"), options=list(costs.COVERS_LABELS), format_func=costs.covers_label,
                help=_("The running cost the line pays for, if any: the review checks it against the canvases")),
        },
        on_change=guarded(_apply_lines), args=(key, [line.id for line in lines]),
    )
    if read_only():
        return
    _presets_to_confirm(plan)
    if not lines:
        st.info(_("No cost lines yet. Start from the preset and adjust it with the team, or add lines below."),
                icon=":material/lightbulb:")
    add_col, delete_col = st.columns(2)
    with add_col:
        _add_line_form(plan)
    with delete_col:
        _delete_lines(plan, language)
    preset = next(iter(costs.PRESETS))
    st.button(_("Add the preset lines ({preset})").format(preset=_(preset)), key="cost-add-preset",
              icon=":material/playlist_add:",
              help=_("Starter lines marked as assumptions: a team of three with one domain expert, infrastructure, "
                     "integration and trainings, running costs. Confirm or replace each before the step counts "
                     "as complete."), on_click=guarded(_add_preset), args=(preset,))


def _table_rows(lines: list[CostLine], language: str):
    """The table as the plan has it, with a staff line's computed amounts in its amount cells."""
    def shown(line: CostLine) -> CostLine:
        amounts = costs.line_amounts(line)
        return line.model_copy(update={"low": amounts.low, "expected": amounts.expected, "high": amounts.high})

    return tables.rows([shown(line) for line in lines], cost_edits.LINE_COLUMNS, cost_edits.NUMBER_LIMITS, language)


def _apply_lines(key: str, row_ids: list[str]) -> None:
    # Applied or refused, a fresh key shows the plan's lines afresh: an editor must not get its own
    # output back, and a refused cell must not go on showing what was not stored.
    with tables.renewed("costs"):
        cost_edits.apply_line_edits(current_plan(), row_ids, st.session_state[key])


def _add_preset(name: str) -> None:
    plan = current_plan()
    # Written in the plan's language: the lines are then the team's own text.
    cost_edits.add_lines(plan, costs.preset_lines(name, plan.meta.language))
    tables.renew("costs")


# --- presets to confirm, adding and deleting lines ----------------------------------------


def _presets_to_confirm(plan: Plan) -> None:
    waiting = costs.unconfirmed_presets(plan)
    if not waiting:
        return
    with st.container(border=True, key="cost-presets"):
        st.markdown("**" + ngettext("{count} preset line to confirm", "{count} preset lines to confirm",
                                    len(waiting)).format(count=len(waiting)) + "**")
        st.caption(_("Preset lines are typical figures, not yours. Change a line in the table, delete it, or "
                     "confirm that it fits: the step counts as complete only when none is left."))
        for line in waiting:
            label_col, button_col = st.columns([4, 1], vertical_alignment="center")
            label_col.text(_line_label(line, plan))
            button_col.button(_("Confirm"), key=f"cost-confirm-{line.id}", icon=":material/check:",
                              help=_("The team stands behind this line as it is"),
                              on_click=guarded(_confirm), args=([line.id],))
        st.button(_("Confirm all {count}").format(count=len(waiting)), key="cost-confirm-all",
                  icon=":material/done_all:",
                  on_click=guarded(_confirm), args=([line.id for line in waiting],))


def _confirm(line_ids: list[str]) -> None:
    cost_edits.confirm_presets(current_plan(), line_ids)


_NEW = "cost-new"  # prefix of the add-a-line form's widgets


def _add_line_form(plan: Plan) -> None:
    language = plan.meta.language
    with st.container(border=True, key="cost-add-line"):
        st.markdown("**" + _("Add a line") + "**")
        # Outside the form, so the fields follow the category as soon as it is chosen.
        names = {c: costs.category_label(c) for c in costs.TAXONOMY}  # in this run's language
        category = st.selectbox(_("Category"), list(names), format_func=names.get, key=f"{_NEW}-category")
        staff = category == "staff"
        with st.form(f"{_NEW}-form", border=False, enter_to_submit=True):
            st.text_input(_("Item"), key=f"{_NEW}-label", max_chars=300,
                          placeholder=_("e.g. Data scientist") if staff else _("e.g. Training compute"))
            example = {"People": "1", "Months": "6", "Monthly rate, low": "8000", "Monthly rate, expected": "10000",
                       "Monthly rate, high": "12000", "Low": "2000", "Expected": "4000", "High": "8000"}
            fields = [name for name, field in cost_edits.FORM_FIELDS.items()
                      if (field not in ("low", "expected", "high")) == staff]
            for row in (fields[:2], fields[2:]) if staff else (fields,):
                for column, name in zip(st.columns(len(row)), row):
                    typed_example = format_decimal(Decimal(example[name]), language)
                    # Keyed by the field's English name: a typed value stays when the language changes.
                    column.text_input(_(name), key=_field_key(name),
                                      placeholder=_("e.g. {example}").format(example=typed_example))
            if staff:
                st.caption(_("Amounts: people × months × monthly rate, for low, expected and high."))
            st.form_submit_button(_("Add the line"), icon=":material/add:", key=f"{_NEW}-add",
                                  on_click=guarded(_add_line), args=(category,))


def _field_key(name: str) -> str:
    return f"{_NEW}-{name.lower().replace(',', '').replace(' ', '-')}"


def _add_line(category: str) -> None:
    typed = {name: st.session_state.get(_field_key(name)) or "" for name in cost_edits.FORM_FIELDS}
    cost_edits.add_line_from_form(current_plan(), category, st.session_state.get(f"{_NEW}-label") or "", typed)
    # Added: the form empties for the next line (a refusal keeps what was typed to correct it).
    for name in cost_edits.FORM_FIELDS:
        st.session_state[_field_key(name)] = ""
    st.session_state[f"{_NEW}-label"] = ""
    tables.renew("costs")


def _delete_lines(plan: Plan, language: str) -> None:
    if not plan.costs.lines:
        return
    with st.container(border=True, key="cost-delete"):
        st.markdown("**" + _("Delete lines") + "**")
        labels = {line.id: _line_label(line, plan) for line in plan.costs.lines}
        key = "cost-delete-pick"
        if any(line_id not in labels for line_id in st.session_state.get(key) or []):
            st.session_state[key] = [i for i in st.session_state[key] if i in labels]  # deleted meanwhile
        chosen = st.multiselect(_("Lines to delete"), list(labels), format_func=labels.get, key=key,
                                placeholder=_("Choose the lines to delete"))
        st.button(ngettext("Delete {count} line", "Delete {count} lines", len(chosen)).format(count=len(chosen))
                  if chosen else _("Delete"),
                  key="cost-delete-selected", icon=":material/delete:", disabled=not chosen, type="secondary",
                  on_click=guarded(_delete), args=(key,))


def _delete(key: str) -> None:
    cost_edits.delete_lines(current_plan(), st.session_state.get(key) or [])
    st.session_state[key] = []
    tables.renew("costs")


# --- totals and charts -------------------------------------------------------------------


def _range_values(r, currency: str, language: str) -> dict[str, str]:
    return {"low": _money(r.low, currency, language), "high": _money(r.high, currency, language)}


def _totals(summary: costs.CostSummary, currency: str, language: str) -> None:
    st.subheader(_("Totals"))
    years = summary.horizon_years
    figures = [
        (_("One-time"), summary.one_time),
        (_("Running per year"), summary.running_per_year),
        (ngettext("Total cost of ownership, {count} year", "Total cost of ownership, {count} years", years).format(
            count=years), summary.total_cost_of_ownership),
        (_("Yearly benefit needed to break even"), summary.break_even_per_year),
    ]
    with st.container(key="cost-totals"):
        for column, (label, value) in zip(st.columns(4), figures):
            column.metric(label, _money(value.expected, currency, language), border=True,
                          help=_("Expected; range {low} to {high}").format(**_range_values(value, currency, language)))
            column.caption(_("Range {low} to {high}").format(**_range_values(value, currency, language)))


def _charts(summary: costs.CostSummary, currency: str, language: str) -> None:
    bars_col, years_col = st.columns(2)
    with bars_col:
        st.plotly_chart(cost_charts.cost_bars(summary, currency, language), key="cost-chart-bars",
                        config={"displayModeBar": False})
        rows = [[_short_per_year(c), *(_money(v, currency, language) for v in (r.low, r.expected, r.high)),
                 costs.percent_text(summary.shares[c], language)]
                for c, r in summary.by_category.items()]
        _table([_("Category"), _("Low"), _("Expected"), _("High"), _("Share of total")], rows)
    with years_col:
        st.plotly_chart(cost_charts.cumulative_cost(summary, currency, language), key="cost-chart-years",
                        config={"displayModeBar": False})
        need = summary.break_even_per_year.expected
        rows = [[str(year), *(_money(v, currency, language) for v in (r.low, r.expected, r.high)),
                 _money(need * year, currency, language)] for year, r in enumerate(summary.cumulative)]
        _table([_("End of year"), _("Cost, low"), _("Cost, expected"), _("Cost, high"), _("Benefit needed")], rows)


def _short_per_year(category: str) -> str:
    """A category's short name (the chart legend has the long one), running ones per year."""
    name = costs.short_category_label(category)
    return name if category in costs.ONE_TIME else _("{category}, per year").format(category=name)


def _table(header: list[str], rows: list[list[str]]) -> None:
    # Our labels and our formatted numbers only (no user text), so markdown is safe here,
    # and far cheaper per rerun than a dataframe.
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    # No-break spaces keep "EUR 156,800" on one line in narrow columns.
    lines += ["| " + " | ".join([cells[0], *(c.replace(" ", "\u00a0") for c in cells[1:])]) + " |" for cells in rows]
    st.markdown("\n".join(lines))


# --- from other steps ---------------------------------------------------------------------


def _from_other_steps(plan: Plan, summary: costs.CostSummary, currency: str, language: str) -> None:
    st.subheader(_("From the other steps"))
    st.caption(_("Answers given elsewhere that bear on the costs: check the lines against them."))
    for hint in costs.hints_from_other_steps(plan, canvases()):
        # Our titles, from the canvas files.
        st.markdown(_("**{source}** · check the {what}").format(source=hint.source, what=_(hint.check)))
        st.text("\n".join(f"• {t}" for t in hint.texts))  # user text: plain
    _paid_data(plan)
    _value_check(plan, summary, currency, language)


def _paid_data(plan: Plan) -> None:
    paid = data_landscape.paid_assets(plan)
    if not paid:
        return
    with st.container(border=True, key="cost-from-landscape"):
        st.markdown("**" + _("Paid data (Data landscape)") + "**")
        st.caption(_("Each paid asset needs a cost line that pays for it. Link it to the line already in the "
                     "estimate (a licence typed by hand, say) rather than adding a second one, which would count "
                     "it twice."))
        for asset in paid:
            _paid_asset(plan, asset)


# How an asset was acquired, as the paid-data list says it (the stored value is the id).
_ACQUISITION_WORDS = {"owned": N_("owned"), "public": N_("public"), "earned": N_("earned"), "paid": N_("paid")}


def _paid_asset(plan: Plan, asset: DataAsset) -> None:
    text_col, link_col, add_col = st.columns([3, 3, 1], vertical_alignment="center")
    acquisition = _(_ACQUISITION_WORDS[asset.acquisition]) if asset.acquisition in _ACQUISITION_WORDS \
        else asset.acquisition
    if asset.yearly_cost:
        cost = costs.format_money(asset.yearly_cost, plan.meta.currency, plan.meta.language)
        text = _("{name} ({acquisition}, {cost} a year)").format(name=asset.name, acquisition=acquisition, cost=cost)
    else:
        text = _("{name} ({acquisition})").format(name=asset.name, acquisition=acquisition)
    text_col.text(text)  # user text: plain
    line = data_landscape.cost_line_for(plan, asset)
    if line is not None:
        link_col.text(_("Paid by: {line}").format(line=data_landscape.paid_by(plan, asset)))
        if line.source_asset_id == asset.id and not read_only():
            add_col.button(_("Unlink"), key=f"cost-unlink-asset-{asset.id}", icon=":material/link_off:",
                           help=_("This line no longer pays for the asset; the line stays in the estimate"),
                           on_click=guarded(_unlink), args=(line.id,))
        return
    if read_only():
        link_col.caption(_("No cost line yet"))
        return
    lines = data_landscape.linkable_lines(plan)
    if lines:
        key = f"cost-link-asset-{asset.id}"
        labels = {line.id: _line_label(line, plan) for line in lines}
        link_col.selectbox(_("Link to an existing line"), list(labels), format_func=labels.get, index=None, key=key,
                           placeholder=_("Link to an existing line…"), label_visibility="collapsed",
                           on_change=guarded(_link), args=(key, asset.id))
    add_col.button(_("Add as a line"), key=f"cost-add-asset-{asset.id}", on_click=guarded(_add_asset),
                   args=(asset.id,), help=_("A new data line at the asset's yearly cost, linked to it"))


def _line_label(line: CostLine, plan: Plan) -> str:
    """A cost line as the link select offers it: its item, category and expected amount."""
    amount = costs.format_money(costs.line_amounts(line).expected, plan.meta.currency, plan.meta.language)
    return f"{line.label} ({costs.short_category_label(line.category)}, {amount})"


def _link(key: str, asset_id: str) -> None:
    line_id = st.session_state[key]
    st.session_state[key] = None  # the select offers a choice, it does not keep one
    if line_id is not None:
        cost_edits.link_line_to_asset(current_plan(), line_id, asset_id)


def _unlink(line_id: str) -> None:
    cost_edits.unlink_line(current_plan(), line_id)


def _add_asset(asset_id: str) -> None:
    plan = current_plan()
    asset = next(a for a in plan.data_landscape.assets if a.id == asset_id)
    cost_edits.add_line_from_asset(plan, asset)
    tables.renew("costs")


# --- the value of the hours saved ----------------------------------------------------------

_VALUE_KEY = "cost-value-per-hour"


def _value_check(plan: Plan, summary: costs.CostSummary, currency: str, language: str) -> None:
    chosen = workflow.chosen_candidate(plan.workflow)
    with st.container(border=True, key="cost-value-check"):
        st.markdown("**" + _("The benefit threshold against the workflow's value estimate") + "**")
        need = summary.break_even_per_year.expected
        if chosen is None or not chosen.hours_saved_per_month:
            st.caption(_("Choose a task and estimate the minutes it saves in the workflow step to compare it here."))
            _value_per_hour_input(plan)
            return
        hours_per_year = chosen.hours_saved_per_month * 12
        per_hour = need / hours_per_year if hours_per_year else None
        st.text(_("The chosen task saves about {hours} hours a year ({per_month} a month).").format(
            hours=costs.whole_hours(hours_per_year, language),
            per_month=costs.whole_hours(chosen.hours_saved_per_month, language)))
        st.text(ngettext("To break even within {count} year the project must produce {need} a year: about "
                         "{per_hour} per hour saved.",
                         "To break even within {count} years the project must produce {need} a year: about "
                         "{per_hour} per hour saved.", summary.horizon_years).format(
            count=summary.horizon_years, need=_money(need, currency, language),
            per_hour=_money(per_hour, currency, language)))
        _value_per_hour_input(plan)
        estimate = costs.value_estimate(plan)
        if estimate is not None:
            st.text(_value_against_need(estimate, currency, language))
        st.caption(_("Costs are estimated, benefits are not: judge whether an hour saved is worth that much, "
                     "counting errors avoided too."))


def _value_per_hour_input(plan: Plan) -> None:
    language = plan.meta.language
    limits = cost_edits.NUMBER_LIMITS["expected"]
    sync(_VALUE_KEY, tables.number_text(plan.costs.value_per_hour_saved, language, limits) or "")
    column, _rest = st.columns([1, 2])
    # Text, read by canvas_core.numbers: a number input would strip "12,5" to 125 unseen.
    column.text_input(_("Value of an hour saved in the chosen task ({currency})").format(currency=plan.meta.currency),
                      key=_VALUE_KEY,
                      placeholder=_("e.g. {example}").format(example=format_decimal(Decimal("38.00"), language,
                                                                                   decimals=2)),
                      disabled=read_only(), on_change=guarded(_set_value_per_hour), args=(_VALUE_KEY,),
                      help=_("What an hour of the people who do the task today is worth to the organisation, "
                             "e.g. their fully loaded cost per hour. Leave it empty if nobody can say yet."))


def _set_value_per_hour(key: str) -> None:
    cost_edits.set_value_per_hour_saved(current_plan(), st.session_state[key])


def _value_against_need(estimate: costs.ValueEstimate, currency: str, language: str) -> str:
    """Which is larger, said plainly: the yearly value of the hours saved or the break-even need."""
    value, need = (_money(v, currency, language) for v in (estimate.yearly_value, estimate.break_even_need))
    worth = _("The hours saved are worth {value} a year at {per_hour} an hour; breaking even needs {need} a year.").format(
        value=value, per_hour=_money(estimate.value_per_hour, currency, language), need=need)
    count = estimate.horizon_years
    if estimate.need_exceeds_value:
        gap = _money(estimate.break_even_need - estimate.yearly_value, currency, language)
        verdict = ngettext("The need is larger, by {gap} a year: the hours saved alone do not pay the project back "
                           "within {count} year.",
                           "The need is larger, by {gap} a year: the hours saved alone do not pay the project back "
                           "within {count} years.", count).format(gap=gap, count=count)
    elif estimate.yearly_value > estimate.break_even_need:
        verdict = ngettext("The value is larger: the hours saved alone pay the project back within {count} year.",
                           "The value is larger: the hours saved alone pay the project back within {count} years.",
                           count).format(count=count)
    else:
        verdict = ngettext("The two are equal: the hours saved just pay the project back within {count} year.",
                           "The two are equal: the hours saved just pay the project back within {count} years.",
                           count).format(count=count)
    return f"{worth} {verdict}"
