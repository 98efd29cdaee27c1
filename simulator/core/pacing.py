"""Pacing: where the candidate's time went."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SLOWEST = 5


def pacing(items: Sequence[dict[str, Any]], domains: Sequence[str], time_used_s: float,
           time_allowed_s: float) -> dict[str, Any]:
    """items: the report's items (position, item_id, domain, seconds)."""
    total = sum(it["seconds"] for it in items)
    by_domain = []
    for name in domains:
        mine = [it for it in items if it["domain"] == name]
        seconds = sum(it["seconds"] for it in mine)
        by_domain.append({"name": name, "items": len(mine), "seconds": round(seconds, 1),
                          "average_s": round(seconds / len(mine), 1) if mine else 0.0})
    slowest = sorted(items, key=lambda it: (-it["seconds"], it["position"]))[:SLOWEST]
    return {
        "time_used_s": round(time_used_s, 1),
        "time_allowed_s": round(time_allowed_s, 1),
        "share_used": round(time_used_s / time_allowed_s, 3) if time_allowed_s else 0.0,
        "average_item_s": round(total / len(items), 1) if items else 0.0,
        # The pace that uses exactly the time allowed, for comparison.
        "target_item_s": round(time_allowed_s / len(items), 1) if items else 0.0,
        "domains": by_domain,
        "slowest": [{"position": it["position"], "item_id": it["item_id"], "domain": it["domain"],
                     "seconds": it["seconds"]} for it in slowest if it["seconds"] > 0],
    }
