"""The on-screen calculator's arithmetic: a standard four-function desk calculator with memory.

No Qt here; simulator/ui/calculator.py draws it. Numbers are decimal.Decimal, so what the candidate
types is what is computed (0.1 + 0.2 shows 0.3, never 0.30000000000000004).

How it behaves (a desk / Windows-standard calculator, as the Pearson VUE one does):
- Left to right, no precedence: 2 + 3 * 4 = shows 20. An operator right after another replaces it
  (2 + * 3 = is 6). "=" with no second number uses the first again (2 + = is 4).
- "=" again repeats the last operation on the result (2 + 3 = = shows 5, then 8; typing 7 = then
  gives 10, as Windows does).
- % as on desk calculators, and it finishes the calculation (a following "=" changes nothing):
  200 + 10 % is 220, 200 - 10 % is 180, 200 * 10 % is 20, 200 / 10 % is 2000, 50 % alone is 0.5.
- sqrt and +/- act on the number shown; after an operator that number becomes the second operand
  (9 + sqrt = is 12).
- Memory: M+ / M- add / subtract the number shown and end its entry (the next digit starts a new
  number); MR recalls; MC clears. memory_set is true from the first M+ or M- until MC, even if
  the sum comes back to zero, so the indicator says "something is stored".
- Division by zero, the square root of a negative number, or a result beyond 1e100 shows "Error";
  every key but C and CE is ignored until one of them starts over (memory is kept).
- C clears everything but the memory; CE clears the number being entered (it becomes 0, and an
  operator already pressed is kept); back deletes the last digit typed (results are not edited).

Precision and the display: results are kept to 28 significant digits and shown rounded half-up to
16, trailing zeros dropped, no thousands separators. So 1 / 3 shows 0.3333333333333333 and
1 / 3 * 3 shows 1 (the hidden digits carry on, as on Windows); typing 0.3333333333333333 * 3
shows 0.9999999999999999. Plain notation from 1e-7 up to 9999999999999999; beyond that range,
an exponent (1e+16, 2.5e-8). While a number is typed the display shows exactly what was typed
(1.50, 0.), up to 16 digits.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, InvalidOperation

DIGITS = 16          # shown on the display and accepted as input
PRECISION = 28       # kept between operations
LIMIT = Decimal("1e100")
ERROR = "Error"
OPERATORS = ("+", "-", "*", "/")
KEYS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", *OPERATORS, "=", "%", "sqrt", "+/-",
        "MC", "MR", "M+", "M-", "C", "CE", "back")

_CONTEXT = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)
_SHOW = Context(prec=DIGITS, rounding=ROUND_HALF_UP)


class CalculatorError(ArithmeticError):
    """Division by zero, a negative square root, a result out of range."""


def format_number(value: Decimal) -> str:
    """The display for a result: 16 significant digits, no trailing zeros, no separators."""
    shown = _SHOW.plus(value)
    if shown.is_zero():
        return "0"                       # never "-0"
    exponent = shown.adjusted()
    if -7 <= exponent < DIGITS:
        text = format(shown, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    sign, digits, _ = shown.as_tuple()
    mantissa = "".join(map(str, digits)).rstrip("0")
    mantissa = mantissa[0] + ("." + mantissa[1:] if len(mantissa) > 1 else "")
    return f"{'-' if sign else ''}{mantissa}e{exponent:+d}"


def _checked(value: Decimal) -> Decimal:
    if abs(value) >= LIMIT:
        raise CalculatorError("overflow")
    return value


def _apply(left: Decimal, op: str, right: Decimal) -> Decimal:
    if op == "+":
        return _checked(_CONTEXT.add(left, right))
    if op == "-":
        return _checked(_CONTEXT.subtract(left, right))
    if op == "*":
        return _checked(_CONTEXT.multiply(left, right))
    if right.is_zero():
        raise CalculatorError("division by zero")
    return _checked(_CONTEXT.divide(left, right))


def _percent(left: Decimal, op: str, right: Decimal) -> Decimal:
    """Desk-calculator percent: a share of the first number for + and -, a fraction for * and /."""
    share = _CONTEXT.divide(right, Decimal(100))
    if op in ("+", "-"):
        return _apply(left, op, _CONTEXT.multiply(left, share))
    return _apply(left, op, share)


class Calculator:
    def __init__(self) -> None:
        self._memory = Decimal(0)
        self._memory_set = False
        self._clear()

    def _clear(self) -> None:
        self._value = Decimal(0)              # the number shown when nothing is being typed
        self._entry: str | None = None        # the digits being typed, exactly as typed
        self._left: Decimal | None = None     # first operand of the pending operation
        self._op: str | None = None
        self._awaiting = False                # an operator was just pressed: no second operand yet
        self._repeat: tuple[str, Decimal] | None = None   # what "=" repeats
        self._error = False

    # -- what the display shows -------------------------------------------------------------
    @property
    def display(self) -> str:
        if self._error:
            return ERROR
        if self._entry is not None:
            return self._entry
        return format_number(self._value)

    @property
    def error(self) -> bool:
        return self._error

    @property
    def memory(self) -> Decimal:
        return self._memory

    @property
    def memory_set(self) -> bool:
        """True from the first M+ / M- until MC: what lights the display's M."""
        return self._memory_set

    def _current(self) -> Decimal:
        return Decimal(self._entry) if self._entry is not None else self._value

    def _show(self, value: Decimal) -> None:
        """A computed number on the display; the next digit starts a new one."""
        self._value, self._entry = value, None

    # -- keys ----------------------------------------------------------------------------------
    def press(self, key: str) -> None:
        if key not in KEYS:
            raise ValueError(f"unknown calculator key {key!r}")
        if key in ("C", "CE") and (key == "C" or self._error):
            self._clear()                     # CE after an error starts over too
            return
        if self._error:
            return                            # only C / CE leave the error
        try:
            self._press(key)
        except (CalculatorError, InvalidOperation):
            self._clear()
            self._error = True

    def _press(self, key: str) -> None:
        if key.isdigit() or key == ".":
            self._type(key)
        elif key in OPERATORS:
            self._operator(key)
        elif key == "=":
            self._equals()
        elif key == "%":
            self._percent()
        elif key == "sqrt":
            value = self._current()
            if value < 0:
                raise CalculatorError("square root of a negative number")
            self._operand(_CONTEXT.sqrt(value))
        elif key == "+/-":
            self._negate()
        elif key == "CE":
            self._operand(Decimal(0))
        elif key == "back":
            self._back()
        else:
            self._memory_key(key)

    def _operand(self, value: Decimal) -> None:
        """A number that came from a key other than a digit (sqrt, MR, CE) is an operand too."""
        self._show(value)
        self._awaiting = False

    def _type(self, key: str) -> None:
        if self._entry is None:
            self._entry = "0"
            self._awaiting = False
        entry = self._entry
        if key == ".":
            if "." not in entry:
                self._entry = entry + "."
            return
        digits = sum(c.isdigit() for c in entry.lstrip("-").removeprefix("0"))
        if digits >= DIGITS:
            return
        self._entry = (entry[:-1] + key) if entry.lstrip("-") == "0" else entry + key

    def _operator(self, op: str) -> None:
        if not self._awaiting:
            value = self._current()
            if self._op is not None:
                assert self._left is not None  # an operation waits only with its first operand
                value = _apply(self._left, self._op, value)
            self._show(value)
            self._left = value
        self._op, self._awaiting = op, True
        self._repeat = None

    def _equals(self) -> None:
        if self._op is not None:
            assert self._left is not None  # an operation waits only with its first operand
            right = self._left if self._awaiting else self._current()
            self._show(_apply(self._left, self._op, right))
            self._repeat = (self._op, right)
            self._left, self._op, self._awaiting = None, None, False
        elif self._repeat is not None:
            op, right = self._repeat
            self._show(_apply(self._current(), op, right))
        else:
            self._show(self._current())

    def _percent(self) -> None:
        if self._op is None:
            self._operand(_CONTEXT.divide(self._current(), Decimal(100)))
            return
        assert self._left is not None  # an operation waits only with its first operand
        right = self._left if self._awaiting else self._current()
        self._show(_percent(self._left, self._op, right))
        self._left, self._op, self._awaiting, self._repeat = None, None, False, None

    def _negate(self) -> None:
        if self._entry is not None and not self._awaiting:
            if self._entry != "0":            # keep typing after it: 5 +/- 0 is -50
                self._entry = self._entry[1:] if self._entry.startswith("-") else "-" + self._entry
            return
        self._operand(_CONTEXT.minus(self._current()))

    def _back(self) -> None:
        if self._entry is None:
            return                            # a result is not edited digit by digit
        entry = self._entry[:-1]
        self._entry = "0" if entry in ("", "-", "-0") else entry

    def _memory_key(self, key: str) -> None:
        if key == "MC":
            self._memory, self._memory_set = Decimal(0), False
        elif key == "MR":
            self._operand(self._memory)
        else:
            value = self._current()
            change = _CONTEXT.add if key == "M+" else _CONTEXT.subtract
            self._memory = _checked(change(self._memory, value))
            self._memory_set = True
            self._show(value)                 # the entry ends; the next digit starts a new number
