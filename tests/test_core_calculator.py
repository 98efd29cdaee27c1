"""The calculator's arithmetic, key by key, as a candidate presses them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.core.calculator import KEYS, Calculator, format_number


def keys(text: str) -> list[str]:
    """'12.5 + 3 =' -> ['1', '2', '.', '5', '+', '3', '=']: numbers are typed digit by digit."""
    out: list[str] = []
    for token in text.split():
        if token in KEYS:
            out.append(token)
        else:
            out.extend(token)
    return out


def run(text: str, calc: Calculator | None = None) -> str:
    calc = calc or Calculator()
    for key in keys(text):
        calc.press(key)
    return calc.display


@pytest.mark.parametrize("sequence, shown", [
    ("", "0"),
    ("7", "7"),
    ("0 0 7", "7"),
    ("1.50", "1.50"),                  # typed as typed
    ("1.50 =", "1.5"),                 # results lose trailing zeros
    ("0.", "0."),
    (".5", "0.5"),
    ("1.2.3", "1.23"),                 # a second point is ignored
    ("0.1 + 0.2 =", "0.3"),
    ("0.7 + 0.1 =", "0.8"),
    ("1.1 * 1.1 =", "1.21"),
    ("3 - 5 =", "-2"),
    ("2 + 3 * 4 =", "20"),             # left to right
    ("10 - 2 - 3 =", "5"),
    ("2 + 3 *", "5"),                  # the running result shows at the next operator
    ("2 + * 3 =", "6"),                # operator twice: the second replaces the first
    ("8 - + / 2 =", "4"),
    ("2 + =", "4"),                    # no second number: the first again
    ("2 + 3 = =", "8"),                # = repeats the last operation
    ("2 + 3 = = =", "11"),
    ("2 * 3 = =", "18"),
    ("10 / 2 = =", "2.5"),
    ("2 + 3 = 7 =", "10"),             # Windows: the repeat applies to a new number
    ("2 + 3 = + 4 =", "9"),            # a result goes on as the first operand
    ("1 / 3 =", "0.3333333333333333"),
    ("2 / 3 =", "0.6666666666666667"),
    ("1 / 3 * 3 =", "1"),              # 28 digits kept, 16 shown
    ("0.3333333333333333 * 3 =", "0.9999999999999999"),
    ("200 + 10 %", "220"),
    ("200 + 10 % =", "220"),           # % finishes the calculation
    ("200 - 10 %", "180"),
    ("200 * 10 %", "20"),
    ("200 / 10 %", "2000"),
    ("50 %", "0.5"),
    ("9 sqrt", "3"),
    ("2 sqrt", "1.414213562373095"),
    ("9 + sqrt =", "12"),              # sqrt of the shown number becomes the second operand
    ("16 sqrt + 1 =", "5"),
    ("5 +/-", "-5"),
    ("5 +/- +/-", "5"),
    ("5 +/- 0", "-50"),                # sign first, then keep typing
    ("0 +/-", "0"),
    ("2 + 3 = +/-", "-5"),
    ("10 - 4 +/- =", "14"),
    ("123 back", "12"),
    ("1.5 back back", "1"),
    ("7 back", "0"),
    ("5 +/- back", "0"),
    ("2 + 3 = back", "5"),             # results are not edited
    ("2 + 5 CE 3 =", "5"),
    ("2 + 5 CE", "0"),
    ("2 + 5 C", "0"),
    ("2 + 5 C 4 =", "4"),
    ("9999999999999999 + 1 =", "1e+16"),
    ("99999999999999999", "9999999999999999"),   # 16 digits is all the display takes
    ("0.000000000000001", "0.000000000000001"),
    ("1 / 7 / 10000000 =", "1.428571428571429e-8"),
    ("0.0000001 =", "0.0000001"),
    ("1 - 0.9 - 0.1 =", "0"),
    ("0 - 0 =", "0"),
])
def test_sequence(sequence, shown):
    assert run(sequence) == shown


@pytest.mark.parametrize("sequence", ["1 / 0 =", "1 / 0 +", "4 +/- sqrt", "5 / 0 %",
                                      "1000000000000000 * = = = = = = ="])
def test_errors(sequence):
    calc = Calculator()
    assert run(sequence, calc) == "Error" and calc.error


def test_error_ignores_keys_until_c_or_ce():
    calc = Calculator()
    run("7 M+ 1 / 0 =", calc)
    for key in ("5", "+", "=", "sqrt", "MR", "back", "+/-", "%"):
        calc.press(key)
        assert calc.display == "Error"
    calc.press("CE")
    assert calc.display == "0" and not calc.error
    assert run("MR", calc) == "7"          # the memory survives the error
    run("4 +/- sqrt", calc)
    calc.press("C")
    assert run("2 + 2 =", calc) == "4"


def test_memory():
    calc = Calculator()
    assert not calc.memory_set
    run("5 M+", calc)
    assert calc.memory_set and calc.memory == Decimal(5)
    assert run("3", calc) == "3"            # M+ ended the entry: 3 is a new number
    run("M+ 2 M-", calc)
    assert calc.memory == Decimal(6)
    assert run("C MR", calc) == "6"         # C keeps the memory
    assert run("+ MR =", calc) == "12"
    run("6 M- 6 M-", calc)
    assert calc.memory == Decimal(-6) and calc.memory_set
    run("MC", calc)
    assert not calc.memory_set and run("MR", calc) == "0"
    run("6 M+ 6 M-", calc)
    assert calc.memory == 0 and calc.memory_set   # set until MC, even at zero


def test_memory_keeps_full_precision():
    calc = Calculator()
    run("1 / 3 = M+ C MR * 3 =", calc)
    assert calc.display == "1"


def test_unknown_key():
    with pytest.raises(ValueError):
        Calculator().press("x")


@pytest.mark.parametrize("value, shown", [
    ("0", "0"), ("-0", "0"), ("1.000", "1"), ("100", "100"), ("1E+2", "100"),
    ("1234567890123456", "1234567890123456"), ("12345678901234567", "1.234567890123457e+16"),
    ("0.12345678901234567", "0.1234567890123457"), ("-2.50", "-2.5"), ("1E-7", "0.0000001"),
    ("1E-8", "1e-8"), ("-2.5E+20", "-2.5e+20"), ("0.99999999999999999", "1"),
])
def test_format_number(value, shown):
    assert format_number(Decimal(value)) == shown


decimals = st.decimals(min_value=Decimal("-999999999"), max_value=Decimal("999999999"), places=6,
                       allow_nan=False, allow_infinity=False)


def typed(value: Decimal) -> str:
    """The keys that enter value: its digits, then +/- if it is negative."""
    text = format(abs(value), "f")
    return text + (" +/-" if value < 0 else "")


@given(decimals, decimals)
def test_addition_is_exact(a, b):
    assert run(f"{typed(a)} + {typed(b)} =") == format_number(a + b)


@given(decimals, decimals)
def test_subtraction_and_multiplication_are_decimal(a, b):
    assert run(f"{typed(a)} - {typed(b)} =") == format_number(a - b)
    assert run(f"{typed(a)} * {typed(b)} =") == format_number(a * b)


@given(st.lists(st.sampled_from(KEYS), max_size=40))
def test_any_key_sequence_leaves_a_sane_display(sequence):
    calc = Calculator()
    for key in sequence:
        calc.press(key)
        shown = calc.display
        assert shown == "Error" or Decimal(shown).is_finite()
        assert len(shown.lstrip("-").replace(".", "")) <= 24
