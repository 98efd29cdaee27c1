#!/usr/bin/env bash
# Build the bundle and prove it starts, on a machine without a display:
#   packaging/smoke.sh            (build, then check)
#   packaging/smoke.sh --no-build (check the bundle already in packaging/dist/)
# Checks: --version; a subcommand that reads the shipped bank (bank stats --json) and
# the data folder; and the GUI on Qt's offscreen platform, which must still be running
# after 3 s (then it is stopped) with a user database made, i.e. it did not crash.
# Not part of .ci/run: the build alone takes about a minute and writes ~160 MB.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "${1:-}" != "--no-build" ]; then
  "$here/build.sh"
fi
app="$here/dist/cpim-sim/cpim-sim"
[ -x "$app" ] || { echo "smoke: no bundle at $app" >&2; exit 1; }
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
# Nothing from a Python installation may leak in: the bundle must carry its own.
clean_env=(env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV PATH=/usr/bin:/bin HOME="$data" QT_QPA_PLATFORM=offscreen)

version="$("${clean_env[@]}" "$app" --version)"
echo "smoke: $version"
[[ "$version" == cpim-sim\ * ]] || { echo "smoke: unexpected --version output" >&2; exit 1; }

items="$("${clean_env[@]}" "$app" --data-dir "$data" bank stats --json | "${PYTHON:-python3}" -c 'import json,sys; print(json.load(sys.stdin)["items"])')"
echo "smoke: bank stats: $items items"
[ "$items" -gt 0 ]

"${clean_env[@]}" "$app" --data-dir "$data" --candidate "Smoke Test" >"$data/gui.log" 2>&1 &
pid=$!
for _ in $(seq 30); do  # 3 s, in steps, so an early crash is seen at once
  sleep 0.1
  kill -0 "$pid" 2>/dev/null || break
done
if ! kill -0 "$pid" 2>/dev/null; then
  wait "$pid" && status=0 || status=$?
  echo "smoke: the GUI exited within 3 s (status $status):" >&2
  cat "$data/gui.log" >&2
  exit 1
fi
kill "$pid"
wait "$pid" 2>/dev/null || true
[ -s "$data/cpim-sim.sqlite" ] || { echo "smoke: the GUI made no user database" >&2; exit 1; }
echo "smoke: the GUI ran 3 s offscreen and was stopped; OK"
