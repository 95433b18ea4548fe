"""The cost step as pure functions: sum the estimate's lines into low / expected /
high ranges, a multi-year total cost of ownership and the yearly benefit needed
to break even, and format money without a locale library.

Everything is Decimal: a total is exactly the sum of its lines, so a facilitator
can redo any figure by hand. Only two figures are computed rather than summed:
system maintenance (a share of the initial development cost, rounded half up to
the cent) and the break-even benefit (rounded UP to the cent, so it always pays
back the total cost of ownership).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import N_, _, ngettext, translated
from canvas_core.i18n import current as current_language
from canvas_core.numbers import format_decimal, style_of
from canvas_core.plan import CostEstimate, CostLine, Plan, new_id
from canvas_core.steps.workflow.rules import chosen_candidate

ONE_TIME = ("staff", "infrastructure", "change_management")
RUNNING = ("system_maintenance", "operational_maintenance", "data")  # per year
TAXONOMY = ONE_TIME + RUNNING
# Initial development cost, the base of system maintenance: building the system,
# not the change management around it.
DEVELOPMENT = ("staff", "infrastructure")

# In English, marked for the catalogue: shown translated (category_label).
CATEGORY_LABELS: dict[str, str] = {
    "staff": N_("Staff"),
    "infrastructure": N_("Infrastructure for full-scale development"),
    "change_management": N_("Change management (integration, trainings)"),
    "system_maintenance": N_("System maintenance"),
    "operational_maintenance": N_("Operational maintenance (monitoring, serving, retraining)"),
    "data": N_("Data (external data, labelling)"),
}
# The short names (a table next to a chart whose legend has the long one).
SHORT_CATEGORY_LABELS: dict[str, str] = {
    "staff": N_("Staff"),
    "infrastructure": N_("Infrastructure"),
    "change_management": N_("Change management"),
    "system_maintenance": N_("System maintenance"),
    "operational_maintenance": N_("Operational maintenance"),
    "data": N_("Data"),
}
# Which running cost a line pays for (CostLine.covers), as the app, the PDF and the Markdown name it.
# The consistency checks hold the canvases' answers (serving, retraining, monitoring) against them.
COVERS_LABELS: dict[str, str] = {
    "serving": N_("Serving"),
    "retraining": N_("Retraining"),
    "monitoring": N_("Monitoring"),
    "labelling": N_("Labelling"),
    "external_data": N_("External data"),
}


def category_label(category: str) -> str:
    """A category's name in the current language."""
    return _(CATEGORY_LABELS[category])


def short_category_label(category: str) -> str:
    return _(SHORT_CATEGORY_LABELS[category])


def covers_label(covers: str | None) -> str:
    """What a line pays for, in the current language ("" for none)."""
    return _(COVERS_LABELS[covers]) if covers in COVERS_LABELS else ""


def kind_label(category: str) -> str:
    """"one-time" or "per year", as the tables name a category's kind."""
    return _("one-time") if category in ONE_TIME else _("per year")
# One colour per category in every chart (app and report): blues one-time, ambers running.
CATEGORY_COLOURS: dict[str, str] = {
    "staff": "#2563A8", "infrastructure": "#60A5FA", "change_management": "#93C5FD",
    "system_maintenance": "#B45309", "operational_maintenance": "#F59E0B", "data": "#FCD34D",
}

_CENT = Decimal("0.01")
_ZERO = Decimal("0.00")


def round_money(amount: Decimal) -> Decimal:
    """To cents, half up (the rounding people expect on an invoice)."""
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Range:
    low: Decimal
    expected: Decimal
    high: Decimal

    @classmethod
    def zero(cls) -> Range:
        return cls(_ZERO, _ZERO, _ZERO)

    @classmethod
    def of(cls, line: CostLine) -> Range:
        """A line's amounts: what line_amounts says (computed for a staff line with rates)."""
        return line_amounts(line)

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.expected + other.expected, self.high + other.high)

    def scaled(self, factor: Decimal) -> Range:
        # A non-negative factor keeps low <= expected <= high.
        return self.map(lambda v: v * factor)

    def map(self, fn: Callable[[Decimal], Decimal]) -> Range:
        """Apply fn to each bound; a non-decreasing fn (scaling, rounding) keeps the order."""
        return Range(fn(self.low), fn(self.expected), fn(self.high))


def has_rates(line: CostLine) -> bool:
    """A staff line whose amounts are people x months x monthly rate: all three rates given.
    With fewer (while a team types them in) the line keeps the amounts typed directly."""
    return line.category == "staff" and None not in (line.rate_low, line.rate_expected, line.rate_high)


def line_amounts(line: CostLine) -> Range:
    """The line's low / expected / high: people x months x monthly rate, to the cent, for a staff
    line with rates (no people or no months count as none); the typed amounts otherwise, as older
    plans and every other category have them. Every total, chart and report reads amounts here."""
    if not has_rates(line):
        return Range(line.low, line.expected, line.high)
    effort = (line.people or _ZERO) * (line.months or _ZERO)
    return Range(line.rate_low, line.rate_expected, line.rate_high).map(lambda rate: round_money(effort * rate))


def _total(ranges: Iterable[Range]) -> Range:
    return sum(ranges, Range.zero())


@dataclass(frozen=True)
class CostSummary:
    by_category: dict[str, Range]  # every category; running ones per year, incl. computed maintenance
    one_time: Range
    running_per_year: Range
    horizon_years: int
    total_cost_of_ownership: Range  # one_time + running_per_year * horizon_years
    break_even_per_year: Range  # TCO / horizon_years, rounded up to the cent
    cumulative: tuple[Range, ...]  # cost at the end of year 0 (one-time only), 1, ..., horizon
    shares: dict[str, Decimal]  # expected share of each category in the TCO; all 0 when the TCO is 0


def summarize(estimate: CostEstimate) -> CostSummary:
    lines = estimate.lines
    by_category = {c: _total(Range.of(line) for line in lines if line.category == c) for c in TAXONOMY}
    # System maintenance is computed each year from the development cost; explicit
    # system_maintenance lines are extra maintenance on top of it.
    development = _total(by_category[c] for c in DEVELOPMENT)
    maintenance = development.scaled(estimate.maintenance_share).map(round_money)
    by_category["system_maintenance"] = by_category["system_maintenance"] + maintenance

    years = estimate.horizon_years
    one_time = _total(by_category[c] for c in ONE_TIME)
    running = _total(by_category[c] for c in RUNNING)
    tco = one_time + running.scaled(Decimal(years))
    # Rounded up, so break_even * years >= TCO: the threshold always pays back.
    break_even = tco.map(lambda v: (v / years).quantize(_CENT, rounding=ROUND_CEILING))
    cumulative = tuple(one_time + running.scaled(Decimal(year)) for year in range(years + 1))

    over_horizon = {c: by_category[c].expected * (1 if c in ONE_TIME else years) for c in TAXONOMY}
    shares = {c: (v / tco.expected if tco.expected else _ZERO) for c, v in over_horizon.items()}
    return CostSummary(
        by_category=by_category,
        one_time=one_time,
        running_per_year=running,
        horizon_years=years,
        total_cost_of_ownership=tco,
        break_even_per_year=break_even,
        cumulative=cumulative,
        shares=shares,
    )


def line_problems(line: CostLine) -> list[str]:
    """What is wrong with a line's range or its monthly rates (the model itself refuses negatives and
    huge amounts). Rates are checked between those given, so they can be typed one at a time."""
    return amount_problems(line) + rate_problems(line)


def amount_problems(line: CostLine) -> list[str]:
    """What is wrong with the order of a line's typed amounts (none for a staff line with rates)."""
    if has_rates(line):
        return []
    return _order(line.low, line.expected, line.high, (
        N_("low is above expected"), N_("expected is above high"), N_("low is above high")))


def rate_problems(line: CostLine) -> list[str]:
    """What is wrong with the order of a staff line's monthly rates, between those given."""
    return _order(line.rate_low, line.rate_expected, line.rate_high, (
        N_("rate low is above rate expected"), N_("rate expected is above rate high"), N_("rate low is above rate high")))


def _order(low: Decimal | None, expected: Decimal | None, high: Decimal | None,
           words: tuple[str, str, str]) -> list[str]:
    problems = []
    if low is not None and expected is not None and low > expected:
        problems.append(_(words[0]))
    if expected is not None and high is not None and expected > high:
        problems.append(_(words[1]))
    if expected is None and low is not None and high is not None and low > high:
        problems.append(_(words[2]))
    return problems


def staffing_text(line: CostLine, money: Callable[[Decimal], str]) -> str:
    """How a staff line with rates is computed, for the reports: "0.3 people × 6 months × monthly rate
    EUR 9,000 / 10,000 / 11,500 (low / expected / high)"; "" for a line with typed amounts."""
    if not has_rates(line):
        return ""
    rates = " / ".join(money(r) for r in (line.rate_low, line.rate_expected, line.rate_high))
    people_value, months_value = (v if v is not None else Decimal(0) for v in (line.people, line.months))
    people, months = format_number(people_value), format_number(months_value)
    # The singular for exactly one; a fraction ("0.4 people") reads as the plural.
    people_text = ngettext("{people} person", "{people} people", 1 if people_value == 1 else 2).format(people=people)
    months_text = ngettext("{months} month", "{months} months", 1 if months_value == 1 else 2).format(months=months)
    return _("{people} × {months} × monthly rate {rates} (low / expected / high)").format(
        people=people_text, months=months_text, rates=rates)


# --- the value of the hours saved -----------------------------------------------------


@dataclass(frozen=True)
class ValueEstimate:
    """The chosen task's hours saved, priced at the value of an hour saved, against the yearly benefit
    needed to break even (expected figures)."""

    hours_saved_per_year: Decimal  # the workflow's chosen candidate: hours saved a month x 12
    value_per_hour: Decimal  # as the team estimated it, in the plan's currency
    yearly_value: Decimal  # hours x value, to the cent
    break_even_need: Decimal  # the yearly benefit needed to break even over the horizon
    horizon_years: int

    @property
    def need_exceeds_value(self) -> bool:
        """True when the hours saved are worth less than the project must bring in a year."""
        return self.break_even_need > self.yearly_value


def value_estimate(plan: Plan) -> ValueEstimate | None:
    """The hours saved priced and held against the break-even need; None until the three are known:
    a chosen task with hours saved, the value of an hour saved, and cost lines."""
    chosen = chosen_candidate(plan.workflow)
    per_hour = plan.costs.value_per_hour_saved
    if chosen is None or not chosen.hours_saved_per_month or per_hour is None or not plan.costs.lines:
        return None
    hours = chosen.hours_saved_per_month * 12
    summary = summarize(plan.costs)
    return ValueEstimate(hours_saved_per_year=hours, value_per_hour=per_hour,
                         yearly_value=round_money(hours * per_hour),
                         break_even_need=summary.break_even_per_year.expected, horizon_years=summary.horizon_years)


def value_comparison(plan: Plan) -> str:
    """The value estimate in one sentence for the reports; "" when no value of an hour saved is given."""
    per_hour = plan.costs.value_per_hour_saved
    if per_hour is None:
        return ""
    currency, language = plan.meta.currency, plan.meta.language

    def money(amount: Decimal) -> str:
        return format_money(amount, currency, language)

    estimate = value_estimate(plan)
    if estimate is None:
        return _("An hour saved is valued at {per_hour}; the chosen task's hours saved or the cost lines "
                 "are still missing to compare it with the break-even need.").format(per_hour=money(per_hour))
    if estimate.need_exceeds_value:
        message = _("The chosen task saves about {hours} hours a year; at {per_hour} an hour that is {value} a year, "
                    "less than the {need} a year needed to break even.")
    elif estimate.yearly_value > estimate.break_even_need:
        message = _("The chosen task saves about {hours} hours a year; at {per_hour} an hour that is {value} a year, "
                    "more than the {need} a year needed to break even.")
    else:
        message = _("The chosen task saves about {hours} hours a year; at {per_hour} an hour that is {value} a year, "
                    "equal to the {need} a year needed to break even.")
    return message.format(hours=whole_hours(estimate.hours_saved_per_year, language), per_hour=money(per_hour),
                          value=money(estimate.yearly_value), need=money(estimate.break_even_need))


def whole_hours(hours: Decimal, language: str) -> str:
    """Hours as an estimate is read: whole, grouped as the plan's language writes numbers."""
    return format_decimal(hours.quantize(Decimal(1), rounding=ROUND_HALF_UP), language)


# --- money formatting -------------------------------------------------------------

# Languages that write the currency after the amount; grouping and decimal marks
# come from the plan's number style (canvas_core.numbers).
_CURRENCY_AFTER = {"de", "el", "es", "fr", "uk"}


def format_money(amount: Decimal, currency: str, language: str) -> str:
    """E.g. "EUR 1,234,567" (en), "1.234.567 EUR" (de). Cents only below 1000:
    in an estimate they are noise on big figures but matter on small ones."""
    style = style_of(language)
    amount = round_money(amount)
    if abs(amount) >= 1000:
        amount = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    number = format(abs(amount), ",f").translate(str.maketrans({",": style.group, ".": style.mark}))
    text = f"{number} {currency}" if language.split("-")[0] in _CURRENCY_AFTER else f"{currency} {number}"
    return f"-{text}" if amount < 0 else text


def percent_text(share: Decimal, language: str) -> str:
    """A share as a whole percentage: "20%" (en), "20 %" (de, with a no-break space)."""
    whole = format_decimal((share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP), language)
    return f"{whole}%" if style_of(language).mark == "." else f"{whole}\u00a0%"


def format_number(value: Decimal | int, language: str | None = None) -> str:
    """A count or an estimate as a report prints it: "8,640", "12.5" (no trailing zeros); "8.640", "12,5" in
    German. Written as `language` writes numbers; without one, as the current language does (a report is
    built in its plan's language)."""
    return format_decimal(value, language or current_language())


# --- presets -------------------------------------------------------------------------


def _line(category, label, low, expected, high, note, people=None, months=None, covers=None,
          rates=None) -> CostLine:
    rate_low, rate_expected, rate_high = (None, None, None) if rates is None else (Decimal(r) for r in rates)
    return CostLine(
        category=category,
        label=label,
        people=None if people is None else Decimal(people),
        months=None if months is None else Decimal(months),
        rate_low=rate_low,
        rate_expected=rate_expected,
        rate_high=rate_high,
        low=Decimal(low),
        expected=Decimal(expected),
        high=Decimal(high),
        note=note,
        assumption=True,
        covers=covers,
    )


# Workshop starting points, all assumptions: typical Western European internal
# rates and cloud prices, to be replaced by the team's own figures. Staff lines
# carry their rates; their amounts are the same product, for plans read by older versions.
# A preset's name is its id, shown translated; its lines' item names and notes are marked for the
# catalogue and written into the plan in the plan's language when the preset is added (then they are
# the team's own text, kept as stored).
PRESET_SMALL_TEAM = N_("small team (default)")
PRESETS: dict[str, list[CostLine]] = {
    PRESET_SMALL_TEAM: [
        _line("staff", N_("Data scientist"), 48_000, 60_000, 72_000,
              N_("A typical internal monthly rate; replace it with your organisation's."),
              people=1, months=6, rates=(8_000, 10_000, 12_000)),
        _line("staff", N_("ML / data engineer"), 51_000, 63_000, 75_000,
              N_("A typical internal monthly rate; replace it with your organisation's."),
              people=1, months=6, rates=(8_500, 10_500, 12_500)),
        _line("staff", N_("Domain expert (part-time)"), 14_400, 16_800, 19_200,
              N_("0.4 person is about 2 days a week."),
              people="0.4", months=6, rates=(6_000, 7_000, 8_000)),
        _line("infrastructure", N_("Training compute (cloud GPU)"), 2_000, 4_000, 8_000,
              N_("One GPU VM for experiments and training over the project; the high case covers fine-tuning "
                 "larger models.")),
        _line("infrastructure", N_("Development and test environments"), 3_000, 5_000, 8_000,
              N_("Storage, experiment tracking and a test copy of the target system.")),
        _line("change_management", N_("System integration"), 10_000, 20_000, 35_000,
              N_("Connecting the model to the systems where its predictions are used, incl. testing.")),
        _line("change_management", N_("Trainings for users"), 3_000, 5_000, 8_000,
              N_("Sessions and a short guide for the people who act on the predictions.")),
        _line("operational_maintenance", N_("Serving (per year)"), 2_400, 4_800, 9_600,
              N_("Hosting the model: 200 / 400 / 800 a month."), covers="serving"),
        _line("operational_maintenance", N_("Monitoring and on-call (per year)"), 8_000, 12_000, 18_000,
              N_("About 1 to 2 days a month of engineer time for dashboards, alerts and follow-up."), covers="monitoring"),
        _line("operational_maintenance", N_("Retraining compute (per year)"), 500, 1_500, 4_000,
              N_("Scheduled retraining runs and their evaluation."), covers="retraining"),
        _line("data", N_("Labelling (per year)"), 4_000, 8_000, 15_000,
              N_("Labelling new examples and reviewing a sample of predictions."), covers="labelling"),
    ],
}


def preset_lines(name: str, language: str = "en") -> list[CostLine]:
    """Fresh copies with new ids, so loading a preset twice gives distinct lines; each marked as a
    preset the team has still to confirm or replace. Item names and notes are written in `language`
    (the plan's)."""
    return [line.model_copy(deep=True, update={"id": new_id(), "preset": True,
                                               "label": translated(line.label, language),
                                               "note": translated(line.note, language)})
            for line in PRESETS[name]]


# --- completeness ------------------------------------------------------------------


COMPLETE_CATEGORIES = ("staff", "infrastructure", "change_management", "operational_maintenance", "data")


def completeness(plan: Plan, step: object = None) -> float:
    """The share of the entered cost categories that have lines the team stands behind (the facet of
    the step registry). A preset line is an assumption until confirmed or changed: a category whose
    lines include one counts half, so the step is complete only when every preset line is settled."""
    def score(category: str) -> float:
        lines = [line for line in plan.costs.lines if line.category == category]
        if not lines:
            return 0.0
        return 0.5 if any(line.preset for line in lines) else 1.0

    return sum(score(c) for c in COMPLETE_CATEGORIES) / len(COMPLETE_CATEGORIES)


def unconfirmed_presets(plan: Plan) -> list[CostLine]:
    """The preset lines the team has neither confirmed nor changed yet."""
    return [line for line in plan.costs.lines if line.preset]


# --- what other steps say about the costs ------------------------------------------------

# A canvas block names the cost it bears on as a twin ("costs.serving"); the cost step shows that
# block's notes beside the lines to check. For a block with parts, only the part named here counts
# (the project's team, not its timeline, is what staff lines cost).
COST_TWINS = {
    "staff": (N_("staff lines"), "team"),
    "serving": (N_("serving in operational maintenance"), None),
    "retraining": (N_("retraining compute in operational maintenance"), None),
    "operations": (N_("monitoring and on-call in operational maintenance"), None),
    "data": (N_("data lines"), None),
}


@dataclass(frozen=True)
class CostHint:
    source: str  # "ML Canvas · Making Predictions"
    check: str  # what to check the lines against: "serving in operational maintenance" (in English: _(check))
    texts: tuple[str, ...]  # the notes, as typed


def hints_from_other_steps(plan: Plan, specs) -> list[CostHint]:
    """Notes of every canvas block that is a twin of a cost, in canvas and block order."""
    found = []
    for spec in specs.values():
        content = plan.canvases.get(spec.id)
        for block in spec.blocks_in_reading_order:
            for ref in block.twins:
                step, _dot, cost = ref.partition(".")
                if step != "costs" or content is None or block.id not in content.blocks:
                    continue
                check, part = COST_TWINS[cost]
                parts = {sub.id for sub in block.subitems}
                texts = tuple(n.text for n in content.blocks[block.id].notes
                              if part not in parts or n.topic == part)
                if texts:
                    found.append(CostHint(f"{shown_title(spec.short_title)} · {shown_title(block.title)}", check,
                                          texts))
    return found
