"""The OnVUE system check, as the simulator can run it: what the real one tests that
matters for a candidate at home (one screen, big enough, no virtual machine), and
the simulator's own promise to work offline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MIN_WIDTH, MIN_HEIGHT = 1024, 768
VM_MARKERS = ("virtualbox", "vmware", "qemu", "kvm", "bochs", "hyper-v", "virtual machine", "xen",
              "parallels")


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    passed: bool
    detail: str


def run_checks(screens: list[tuple[int, int]], machine: str = "") -> list[Check]:
    """screens: (width, height) in device pixels of each connected screen;
    machine: the product name the firmware reports (empty if unknown)."""
    checks = []
    count = len(screens)
    checks.append(Check("Number of screens", count == 1,
                        "one screen connected" if count == 1 else
                        f"{count} screens connected; the online exam allows only one"))
    width, height = max(screens, default=(0, 0), key=lambda s: s[0] * s[1])
    big = width >= MIN_WIDTH and height >= MIN_HEIGHT
    checks.append(Check("Screen resolution", big,
                        f"{width} x {height}" + ("" if big
                                                 else f"; at least {MIN_WIDTH} x {MIN_HEIGHT} is required")))
    virtual = any(marker in machine.lower() for marker in VM_MARKERS)
    checks.append(Check("Virtual machine", not virtual,
                        f"running in a virtual machine ({machine}); the online exam refuses them" if virtual
                        else "not detected"))
    checks.append(Check("Network", True, "not needed: this simulator works offline and never connects"))
    return checks


def verdict(checks: list[Check]) -> str:
    failed = [c.name for c in checks if not c.passed]
    if not failed:
        return "Your system passed the check. You can continue to the check-in rules."
    return ("Your system did not pass: " + ", ".join(failed) + ". On exam day the online proctoring software "
            "would stop here; in this simulator you can continue to practise.")


def machine_name() -> str:
    try:
        return Path("/sys/class/dmi/id/product_name").read_text(encoding="utf-8").strip()
    except OSError:
        return ""
