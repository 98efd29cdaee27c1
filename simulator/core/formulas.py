"""The planning formulas of the CPIM body of knowledge, in APICS conventions.

Quantitative items in the bank record their inputs and an expression over these
functions (``[items.calc]`` in question_db/); the tests evaluate every expression
with :func:`evaluate` and check that the keyed option shows the result. The
evaluator accepts arithmetic, comparisons, lists, indexing and calls of the
functions in :data:`FUNCTIONS` only, so a bank file can never run code.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

Number = float | int


# --- inventory ---------------------------------------------------------------

def eoq(A: Number, S: Number, i: Number, C: Number) -> float:
    """Economic order quantity: sqrt(2AS / iC); A annual demand, S cost per order,
    i annual carrying rate, C unit cost."""
    return math.sqrt(2 * A * S / (i * C))


def eoq_total_cost(A: Number, S: Number, i: Number, C: Number, Q: Number) -> float:
    """Annual ordering plus carrying cost of ordering Q at a time: (A/Q)S + (Q/2)iC."""
    return A / Q * S + Q / 2 * i * C


def sigma_from_mad(mad_value: Number) -> float:
    """Standard deviation of forecast error from MAD (sigma ~= 1.25 MAD)."""
    return 1.25 * mad_value


def z_for(service_level: Number) -> float:
    """The safety factor z for a cycle service level (0.95 -> 1.645)."""
    from statistics import NormalDist  # statistics is slow to import; only calc items need it
    return NormalDist().inv_cdf(service_level)


def safety_stock(z: Number, sigma: Number, lead_time: Number = 1, interval: Number = 1) -> float:
    """z x sigma x sqrt(lead time / forecast interval)."""
    return z * sigma * math.sqrt(lead_time / interval)


def order_point(demand_per_period: Number, lead_time: Number, safety: Number = 0) -> float:
    """Demand during lead time plus safety stock."""
    return demand_per_period * lead_time + safety


def periodic_target(demand_per_period: Number, review: Number, lead_time: Number,
                    safety: Number = 0) -> float:
    """Target (maximum) level of a periodic review system: demand over review
    period plus lead time, plus safety stock."""
    return demand_per_period * (review + lead_time) + safety


def turns(cogs: Number, average_inventory: Number) -> float:
    """Inventory turns = annual cost of goods sold / average inventory value."""
    return cogs / average_inventory


def days_of_supply(on_hand: Number, daily_usage: Number) -> float:
    """Days of supply: inventory on hand / average daily usage (the time the stock
    lasts at the present rate of use)."""
    return on_hand / daily_usage


def poq_periods(eoq_units: Number, demand_per_period: Number) -> float:
    """Periods of supply a period order quantity covers: EOQ / demand per period."""
    return eoq_units / demand_per_period


def record_accuracy(counts_within_tolerance: Number, counts: Number) -> float:
    """Inventory record accuracy as a fraction of counts within tolerance."""
    return counts_within_tolerance / counts


def weighted_average_cost(quantities: Sequence[Number], unit_costs: Sequence[Number]) -> float:
    """Average cost valuation: the total cost of the units available / the units."""
    total_units = sum(quantities)
    return sum(q * c for q, c in zip(quantities, unit_costs, strict=False)) / total_units


# --- forecasting -------------------------------------------------------------

def errors(actual: Sequence[Number], forecast: Sequence[Number]) -> list[float]:
    """Forecast errors, actual minus forecast, period by period."""
    return [a - f for a, f in zip(actual, forecast, strict=True)]


def mad(actual: Sequence[Number], forecast: Sequence[Number]) -> float:
    """Mean absolute deviation of the forecast errors."""
    e = errors(actual, forecast)
    return sum(abs(x) for x in e) / len(e)


def bias(actual: Sequence[Number], forecast: Sequence[Number]) -> float:
    """Mean (algebraic) forecast error; positive means the forecast ran low."""
    e = errors(actual, forecast)
    return sum(e) / len(e)


def running_sum_of_errors(actual: Sequence[Number], forecast: Sequence[Number]) -> float:
    """The algebraic (signed) sum of forecast errors, actual minus forecast."""
    return sum(errors(actual, forecast))


def tracking_signal(actual: Sequence[Number], forecast: Sequence[Number]) -> float:
    """Algebraic sum of forecast errors / MAD."""
    return running_sum_of_errors(actual, forecast) / mad(actual, forecast)


def mape(actual: Sequence[Number], forecast: Sequence[Number]) -> float:
    """Mean absolute percentage error, in percent."""
    pairs = list(zip(actual, forecast, strict=True))
    return 100 * sum(abs(a - f) / a for a, f in pairs) / len(pairs)


def moving_average(values: Sequence[Number], n: int) -> float:
    """Average of the last n values."""
    return sum(values[-n:]) / n


def weighted_moving_average(values: Sequence[Number], weights: Sequence[Number]) -> float:
    """Weights apply to the last len(weights) values, oldest first."""
    recent = values[-len(weights):]
    return sum(v * w for v, w in zip(recent, weights, strict=False)) / sum(weights)


def exp_smooth(previous_forecast: Number, actual: Number, alpha: Number) -> float:
    """New forecast = alpha x actual + (1 - alpha) x old forecast."""
    return alpha * actual + (1 - alpha) * previous_forecast


def seasonal_index(period_average: Number, overall_average: Number) -> float:
    """Seasonal index = average demand of the period / average demand of all periods."""
    return period_average / overall_average


# --- capacity and scheduling -------------------------------------------------

def rated_capacity(available_time: Number, utilization: Number, efficiency: Number) -> float:
    """Available time x utilization x efficiency."""
    return available_time * utilization * efficiency


def utilization(hours_worked: Number, hours_available: Number) -> float:
    """Utilization = hours actually worked / hours available (a fraction, at most 1)."""
    return hours_worked / hours_available


def efficiency(standard_hours: Number, hours_worked: Number) -> float:
    """Efficiency = standard hours of work produced / hours actually worked (may pass 1)."""
    return standard_hours / hours_worked


def oee(availability: Number, performance: Number, quality: Number) -> float:
    """Overall equipment effectiveness = availability x performance x quality."""
    return availability * performance * quality


def critical_ratio(time_remaining: Number, work_remaining: Number) -> float:
    """Time remaining / work remaining; below 1.0 is behind schedule."""
    return time_remaining / work_remaining


def load_hours(quantity: Number, run_time_per_unit: Number, setup_time: Number = 0) -> float:
    """Load of one order on a work center: setup time + quantity x run time per unit."""
    return setup_time + quantity * run_time_per_unit


# --- master scheduling and MRP -------------------------------------------------

def discrete_atp(on_hand: Number, mps: Sequence[Number], orders: Sequence[Number]) -> list[float]:
    """Discrete available-to-promise without look-ahead, period by period.

    First period: on hand + MPS - customer orders until the next MPS receipt;
    later periods with an MPS: MPS - orders until the next MPS; zero elsewhere."""
    n = len(mps)
    atp = [0.0] * n
    receipt_periods = [p for p in range(n) if p == 0 or mps[p] > 0]
    for k, p in enumerate(receipt_periods):
        end = receipt_periods[k + 1] if k + 1 < len(receipt_periods) else n
        supply = mps[p] + (on_hand if p == 0 else 0)
        atp[p] = supply - sum(orders[p:end])
    return atp


def cumulative_atp(on_hand: Number, mps: Sequence[Number], orders: Sequence[Number]) -> list[float]:
    """Cumulative ATP without look-ahead: each period adds the prior ATP."""
    out, running = [], 0.0
    for value in discrete_atp(on_hand, mps, orders):
        running += value
        out.append(running)
    return out


def pab(on_hand: Number, mps: Sequence[Number], forecast: Sequence[Number],
        orders: Sequence[Number], demand_time_fence: int = 0) -> list[float]:
    """Projected available balance, period by period. Inside the demand time fence
    (the first demand_time_fence periods) only customer orders are subtracted;
    beyond it, the greater of forecast and customer orders."""
    out, balance = [], float(on_hand)
    for p, receipt in enumerate(mps):
        demand = orders[p] if p < demand_time_fence else max(forecast[p], orders[p])
        balance = balance + receipt - demand
        out.append(balance)
    return out


def net_requirement(gross: Number, on_hand: Number, scheduled_receipts: Number = 0,
                    safety: Number = 0, allocated: Number = 0) -> float:
    """Gross requirement less available inventory and receipts, never negative."""
    return max(0.0, gross - (on_hand - allocated - safety) - scheduled_receipts)


def lots_needed(net: Number, lot_size: Number) -> int:
    """Fixed lot sizing: the number of lots that covers a net requirement."""
    return math.ceil(net / lot_size)


# --- quality -----------------------------------------------------------------

def cp(usl: Number, lsl: Number, sigma: Number) -> float:
    """Process capability: (USL - LSL) / 6 sigma."""
    return (usl - lsl) / (6 * sigma)


def cpk(usl: Number, lsl: Number, mean: Number, sigma: Number) -> float:
    """min(USL - mean, mean - LSL) / 3 sigma."""
    return min(usl - mean, mean - lsl) / (3 * sigma)


def dpmo(defects: Number, units: Number, opportunities: Number) -> float:
    """Defects per million opportunities = defects / (units x opportunities per unit) x 10^6."""
    return defects / (units * opportunities) * 1_000_000


def mean(values: Sequence[Number]) -> float:
    """The arithmetic mean."""
    return sum(values) / len(values)


# --- added for parametric items (simulator/core/templates.py) ---------------------

def annual_ordering_cost(A: Number, S: Number, Q: Number) -> float:
    """Annual ordering cost = (A / Q) x S: orders a year times the cost per order."""
    return A / Q * S


def annual_carrying_cost(Q: Number, i: Number, C: Number, safety: Number = 0) -> float:
    """Annual carrying cost = average inventory x i x C, the average inventory being
    Q / 2 (the cycle stock) plus any safety stock."""
    return (Q / 2 + safety) * i * C


def average_inventory(Q: Number, safety: Number = 0) -> float:
    """Average inventory of a fixed order quantity system: Q / 2 + safety stock."""
    return Q / 2 + safety


def orders_per_year(A: Number, Q: Number) -> float:
    """Number of orders a year = annual demand / order quantity."""
    return A / Q


def time_between_orders(Q: Number, A: Number, periods_per_year: Number = 52) -> float:
    """Time between orders, in periods (weeks by default): Q / A x periods a year."""
    return Q / A * periods_per_year


def poq_interval(eoq_units: Number, demand_per_period: Number) -> int:
    """Period order quantity: EOQ / average demand per period, rounded to a whole
    number of periods (at least one); each order covers that many periods."""
    return max(1, math.floor(eoq_units / demand_per_period + 0.5))


def safety_stock_from_mad(z: Number, mad_value: Number, lead_time: Number = 1, interval: Number = 1) -> float:
    """Safety stock from MAD: z x 1.25 MAD x sqrt(lead time / forecast interval)."""
    return z * sigma_from_mad(mad_value) * math.sqrt(lead_time / interval)


def periodic_order_quantity(target: Number, on_hand: Number, on_order: Number = 0,
                            backorders: Number = 0) -> float:
    """Order quantity of a periodic review system: target level - on hand - on order
    + backorders (what brings the inventory position up to the target)."""
    return target - on_hand - on_order + backorders


def cycle_counts_per_day(counts_per_year: Number, working_days: Number) -> float:
    """Counts a cycle counter makes a day: all counts a year (items x counts per
    item, summed over the classes) / working days."""
    return counts_per_year / working_days


def fifo_ending_value(quantities: Sequence[Number], unit_costs: Sequence[Number],
                      ending_units: Number) -> float:
    """FIFO: the units left are the newest receipts. quantities and unit_costs are
    the receipt layers, oldest first."""
    return _layers_value(list(zip(quantities, unit_costs, strict=True))[::-1], ending_units)


def lifo_ending_value(quantities: Sequence[Number], unit_costs: Sequence[Number],
                      ending_units: Number) -> float:
    """LIFO: the units left are the oldest receipts (layers oldest first)."""
    return _layers_value(list(zip(quantities, unit_costs, strict=True)), ending_units)


def _layers_value(layers: list[tuple[Number, Number]], units: Number) -> float:
    left, value = units, 0.0
    for qty, cost in layers:
        take = min(qty, left)
        value += take * cost
        left -= take
        if left <= 0:
            break
    return value


def landed_cost(price: Number, freight: Number = 0, duty_rate: Number = 0, other: Number = 0) -> float:
    """Landed cost per unit: the price plus transportation, duties (a rate on the
    price) and the other costs of bringing the unit to its destination."""
    return price * (1 + duty_rate) + freight + other


def takt_time(available_time: Number, demand: Number) -> float:
    """Takt time = available production time / customer demand in that time."""
    return available_time / demand


def available_time(units: Number, shifts: Number, hours_per_shift: Number, days: Number) -> float:
    """Available time of a work center = machines (or workers) x shifts x hours per
    shift x days."""
    return units * shifts * hours_per_shift * days


def demonstrated_capacity(outputs: Sequence[Number]) -> float:
    """Demonstrated capacity: the average actual output over several periods."""
    return sum(outputs) / len(outputs)


def manufacturing_lead_time(queue: Number, setup: Number, run: Number, wait: Number = 0,
                            move: Number = 0) -> float:
    """Manufacturing lead time = queue + setup + run + wait + move."""
    return queue + setup + run + wait + move


def ending_backlog(backlog: Number, inputs: Sequence[Number], outputs: Sequence[Number]) -> float:
    """Input/output control: the queue (backlog) at the end = the queue at the start
    + the work that arrived - the work completed."""
    return backlog + sum(inputs) - sum(outputs)


def cumulative_deviation(planned: Sequence[Number], actual: Sequence[Number]) -> float:
    """Input/output control: the running sum of actual - planned."""
    return sum(a - p for a, p in zip(actual, planned, strict=True))


def kanban_cards(demand: Number, lead_time: Number, container: Number, safety: Number = 0) -> int:
    """Number of kanbans = demand x lead time x (1 + safety factor) / container
    quantity, rounded up to whole cards."""
    return math.ceil(demand * lead_time * (1 + safety) / container - 1e-9)


def littles_law_wip(throughput: Number, flow_time: Number) -> float:
    """Little's law: work in process = throughput rate x flow (lead) time."""
    return throughput * flow_time


def rolled_throughput_yield(yields: Sequence[Number]) -> float:
    """Rolled throughput yield: the product of the first-pass yields of the steps."""
    product = 1.0
    for y in yields:
        product *= y
    return product


def availability(run_time: Number, planned_time: Number) -> float:
    """OEE availability = run (operating) time / planned production time."""
    return run_time / planned_time


def performance_rate(ideal_cycle: Number, total_count: Number, run_time: Number) -> float:
    """OEE performance = ideal cycle time x total count / run time."""
    return ideal_cycle * total_count / run_time


def quality_rate(good_count: Number, total_count: Number) -> float:
    """OEE quality = good units / total units."""
    return good_count / total_count


def cost_of_quality(prevention: Number, appraisal: Number, internal: Number, external: Number) -> float:
    """Total cost of quality = prevention + appraisal + internal failure + external failure."""
    return prevention + appraisal + internal + external


def xbar_ucl(grand_mean: Number, a2: Number, rbar: Number) -> float:
    """Upper control limit of an x-bar chart = grand mean + A2 x average range."""
    return grand_mean + a2 * rbar


def xbar_lcl(grand_mean: Number, a2: Number, rbar: Number) -> float:
    """Lower control limit of an x-bar chart = grand mean - A2 x average range."""
    return grand_mean - a2 * rbar


def p_ucl(pbar: Number, n: Number) -> float:
    """Upper control limit of a p chart = p-bar + 3 sqrt(p-bar (1 - p-bar) / n)."""
    return pbar + 3 * math.sqrt(pbar * (1 - pbar) / n)


def level_rate(total_demand: Number, beginning: Number, ending: Number, periods: Number) -> float:
    """Level production rate = (total demand + ending inventory - beginning
    inventory) / periods (for a make-to-stock plan; backlog plays the opposite part)."""
    return (total_demand + ending - beginning) / periods


def cash_to_cash(dio: Number, dso: Number, dpo: Number) -> float:
    """Cash-to-cash cycle time = days of inventory + days of receivables - days of payables."""
    return dio + dso - dpo


def break_even_units(fixed: Number, price: Number, variable: Number) -> float:
    """Break-even volume = fixed cost / (price - variable cost per unit)."""
    return fixed / (price - variable)


def payback_years(investment: Number, annual_cash_flow: Number) -> float:
    """Simple payback period = investment / annual net cash flow (even flows)."""
    return investment / annual_cash_flow


def product(values: Sequence[Number]) -> float:
    """The product of the values (a perfect order rate from its component rates)."""
    out = 1.0
    for v in values:
        out *= v
    return out


def percent(part: Number, whole: Number) -> float:
    """part / whole as a percentage."""
    return 100 * part / whole


def deseasonalize(actual: Number, index: Number) -> float:
    """Deseasonalized demand = actual demand / seasonal index."""
    return actual / index


def seasonal_forecast(annual_forecast: Number, seasons: Number, index: Number) -> float:
    """Forecast of one season = (annual forecast / number of seasons) x seasonal index."""
    return annual_forecast / seasons * index


def release_period(due_period: Number, lead_time: Number) -> float:
    """Lead-time offsetting: a planned order is released lead time before it is due."""
    return due_period - lead_time


FUNCTIONS: dict[str, Any] = {
    name: obj for name, obj in list(globals().items())
    if callable(obj) and not name.startswith("_") and getattr(obj, "__module__", "") == __name__
    and name not in {"evaluate"}
}
FUNCTIONS.update({
    "sqrt": math.sqrt, "ceil": math.ceil, "floor": math.floor, "abs": abs, "round": round,
    "min": min, "max": max, "sum": sum, "len": len, "exp": math.exp, "log": math.log,
})

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
           ast.Pow: operator.pow}
_UNARY: dict[type, Callable[[Any], Any]] = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
            ast.GtE: operator.ge, ast.Eq: operator.eq, ast.NotEq: operator.ne}


class FormulaError(ValueError):
    """An expression that is not allowed or cannot be evaluated."""


def evaluate(expression: str, inputs: dict[str, Any]) -> Any:
    """Evaluate a bank item's calc expression over its inputs, safely."""
    if len(expression) > 500:
        raise FormulaError("expression longer than 500 characters")
    try:
        return _eval(_parse(expression), inputs)
    except FormulaError:
        raise
    except (ArithmeticError, TypeError, ValueError, IndexError, KeyError) as exc:
        raise FormulaError(f"expression fails: {exc}") from None


@lru_cache(maxsize=4096)
def _parse(expression: str) -> ast.expr:
    """The expression's tree, parsed once: a template evaluates the same few
    expressions for every seed it is rendered with (the tree is never changed)."""
    try:
        return ast.parse(expression, mode="eval").body
    except SyntaxError as exc:
        raise FormulaError(f"expression does not parse: {exc.msg}") from None
    except ValueError as exc:  # a NUL character, for one
        raise FormulaError(f"expression does not parse: {exc}") from None


def parsed(expression: str) -> ast.expr:
    """The expression's tree (parsed once, shared: never change it); FormulaError if
    it does not parse."""
    return _parse(expression)


def _number(value: Any) -> Any:
    """Arithmetic is on numbers only, and of a sane size: a list or text times a big
    number, or a power of a power, would take all memory or time (a hostile bank file)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FormulaError(f"arithmetic on {type(value).__name__}, not a number")
    if isinstance(value, int) and value.bit_length() > 1024:
        raise FormulaError("number too large")
    return value


def _eval(node: ast.AST, names: dict[str, Any]) -> Any:
    match node:
        case ast.Constant(value=value) if isinstance(value, (int, float)):
            return value
        case ast.Name(id=name):
            if name in names:
                return names[name]
            raise FormulaError(f"unknown name {name!r}")
        case ast.BinOp(left=left, op=op, right=right) if type(op) in _BINARY:
            lhs, rhs = _number(_eval(left, names)), _number(_eval(right, names))
            if isinstance(op, ast.Pow) and (abs(rhs) > 100 or abs(lhs) > 1e15):
                raise FormulaError("exponent too large")
            return _number(_BINARY[type(op)](lhs, rhs))
        case ast.UnaryOp(op=op, operand=operand) if type(op) in _UNARY:
            return _UNARY[type(op)](_number(_eval(operand, names)))
        case ast.Compare(left=left, ops=[op], comparators=[right]) if type(op) in _COMPARE:
            return _COMPARE[type(op)](_eval(left, names), _eval(right, names))
        case ast.List(elts=elts) | ast.Tuple(elts=elts):
            return [_eval(e, names) for e in elts]
        case ast.Subscript(value=value, slice=index):
            return _eval(value, names)[_eval(index, names)]
        case ast.Slice(lower=lower, upper=upper, step=None):
            return slice(None if lower is None else _eval(lower, names),
                         None if upper is None else _eval(upper, names))
        case ast.Call(func=ast.Name(id=fname), args=args, keywords=keywords):
            if fname not in FUNCTIONS:
                raise FormulaError(f"unknown function {fname!r}")
            return FUNCTIONS[fname](*[_eval(a, names) for a in args],
                                    **{k.arg: _eval(k.value, names) for k in keywords if k.arg})
    raise FormulaError(f"not allowed in a formula: {ast.dump(node)[:60]}")


Compiled = Callable[[dict[str, Any]], Any]


def compile_expression(expression: str) -> Compiled:
    """The expression as a function of its inputs, for evaluating it many times (a
    template renders its expressions for every seed). Accepts exactly what evaluate()
    accepts and checks the same things as it goes; errors are FormulaError."""
    if len(expression) > 500:
        raise FormulaError("expression longer than 500 characters")
    return _compiled(expression)


@lru_cache(maxsize=4096)
def _compiled(expression: str) -> Compiled:
    body = _compile(_parse(expression))

    def run(names: dict[str, Any]) -> Any:
        try:
            return body(names)
        except FormulaError:
            raise
        except (ArithmeticError, TypeError, ValueError, IndexError, KeyError, RecursionError) as exc:
            raise FormulaError(f"expression fails: {exc}") from None
    return run


def _compile(node: ast.AST) -> Compiled:
    """One closure per node, doing what _eval does at that node."""
    match node:
        case ast.Constant(value=value) if isinstance(value, (int, float)):
            return lambda names: value
        case ast.Name(id=name):
            def lookup(names: dict[str, Any]) -> Any:
                if name in names:
                    return names[name]
                raise FormulaError(f"unknown name {name!r}")
            return lookup
        case ast.BinOp(left=left, op=op, right=right) if type(op) in _BINARY:
            lhs_f, rhs_f, fn, power = _compile(left), _compile(right), _BINARY[type(op)], isinstance(op,
                                                                                                     ast.Pow)

            def binary(names: dict[str, Any]) -> Any:
                lhs, rhs = _number(lhs_f(names)), _number(rhs_f(names))
                if power and (abs(rhs) > 100 or abs(lhs) > 1e15):
                    raise FormulaError("exponent too large")
                return _number(fn(lhs, rhs))
            return binary
        case ast.UnaryOp(op=op, operand=operand) if type(op) in _UNARY:
            inner, un = _compile(operand), _UNARY[type(op)]
            return lambda names: un(_number(inner(names)))
        case ast.Compare(left=left, ops=[op], comparators=[right]) if type(op) in _COMPARE:
            lhs_c, rhs_c, cmp = _compile(left), _compile(right), _COMPARE[type(op)]
            return lambda names: cmp(lhs_c(names), rhs_c(names))
        case ast.List(elts=elts) | ast.Tuple(elts=elts):
            parts = [_compile(e) for e in elts]
            return lambda names: [p(names) for p in parts]
        case ast.Subscript(value=value, slice=index):
            seq, at = _compile(value), _compile(index)
            return lambda names: seq(names)[at(names)]
        case ast.Slice(lower=lower, upper=upper, step=None):
            lo = None if lower is None else _compile(lower)
            hi = None if upper is None else _compile(upper)
            return lambda names: slice(None if lo is None else lo(names), None if hi is None else hi(names))
        case ast.Call(func=ast.Name(id=fname), args=args, keywords=keywords):
            if fname not in FUNCTIONS:
                raise FormulaError(f"unknown function {fname!r}")
            fn_c = FUNCTIONS[fname]
            pos = [_compile(a) for a in args]
            kws = [(k.arg, _compile(k.value)) for k in keywords if k.arg]
            return lambda names: fn_c(*[p(names) for p in pos], **{k: v(names) for k, v in kws})
    raise FormulaError(f"not allowed in a formula: {ast.dump(node)[:60]}")
