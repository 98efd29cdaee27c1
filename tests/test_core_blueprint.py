import pytest

from simulator.core.assembly import assemble, form_plan
from simulator.core.blueprint import largest_remainder
from simulator.paths import default_blueprint

from .conftest import make_items

BP = default_blueprint()


def test_the_default_blueprint_is_the_cpim_one():
    assert BP.items == 150 and BP.pretest == 20 and BP.minutes == 210
    assert len(BP.domains) == 8
    assert [d.weight for d in BP.domains] == [22, 10, 9, 16, 12, 14, 3, 14]


def test_largest_remainder_gives_the_published_split_of_130():
    assert list(BP.shares(130).values()) == [29, 13, 12, 21, 15, 18, 4, 18]
    assert sum(BP.shares(20).values()) == 20


def test_largest_remainder_always_sums_to_n():
    for n in range(0, 200):
        assert sum(largest_remainder([22, 10, 9, 16, 12, 14, 3, 14], n)) == n


def test_a_full_form_has_20_pretest_items_and_a_short_one_none():
    op, pre = form_plan(BP, None)
    assert sum(op.values()) == 130 and sum(pre.values()) == 20
    op, pre = form_plan(BP, 40)
    assert sum(op.values()) == 40 and pre == {}


def test_assembly_is_reproducible_with_a_seed_and_differs_without():
    bank = make_items()
    a = [f.item.id for f in assemble(bank, BP, 150, seed=42)]
    b = [f.item.id for f in assemble(bank, BP, 150, seed=42)]
    c = [f.item.id for f in assemble(bank, BP, 150, seed=43)]
    assert a == b and a != c
    assert len(set(a)) == 150


def test_a_custom_exam_keeps_the_blueprint_proportions():
    form = assemble(make_items(), BP, 50, seed=1)
    counts = {name: sum(1 for f in form if f.item.domain == name) for name in BP.names}
    assert counts == BP.shares(50)
    assert not any(f.pretest for f in form)


def test_pretest_items_are_mixed_in_not_at_the_end():
    form = assemble(make_items(), BP, 150, seed=5)
    positions = [f.position for f in form if f.pretest]
    assert len(positions) == 20 and max(positions) - min(positions) > 60


def test_unseen_items_come_first():
    bank = make_items(per_domain=80)
    first = assemble(bank, BP, 150, seed=1)
    seen = {f.item.id: 1.0 for f in first}
    second = assemble(bank, BP, 150, seed=2, last_seen=seen)
    assert not {f.item.id for f in first} & {f.item.id for f in second}


BROKEN_BLUEPRINTS = {
    "missing code": ("code = ", "#", "domain 1 ('Supply Chains and Strategy'): 'code' is missing"),
    "bad weight": ("weight = 22", 'weight = "lots"', "weight 'lots' is not a number"),
    "not toml": ("items = 150", "items = = 150", "not valid TOML"),
    "no items": ("items = 150", "", "'items' is missing"),
    "text for a number": ("minutes = 210", 'minutes = "210"', "'minutes': '210' is not a number"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_BLUEPRINTS))
def test_a_broken_blueprint_says_where_and_what_to_do(tmp_path, case):
    from simulator.core.blueprint import BlueprintError, load_blueprint
    from simulator.paths import resource
    old, new, expected = BROKEN_BLUEPRINTS[case]
    text = resource("blueprint.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "blueprint.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BlueprintError) as caught:
        load_blueprint(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and expected in message
    assert "delete it to use the shipped blueprint" in message and "\n" not in message


def test_the_command_line_names_a_broken_blueprint_in_one_line(tmp_path):
    import subprocess
    import sys

    from simulator.paths import resource
    (tmp_path / "blueprint.toml").write_text(
        resource("blueprint.toml").read_text(encoding="utf-8").replace("code = ", "#", 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "simulator", "attempts", "list", "--data-dir",
                           str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "blueprint.toml: domain 1" in lines[0] and "'code' is missing" in lines[0]
