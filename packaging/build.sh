#!/usr/bin/env bash
# Build the one-folder bundle packaging/dist/cpim-sim/ with PyInstaller.
#
#   pip install '.[package]'     # the program's dependencies and PyInstaller
#   packaging/build.sh
#   packaging/dist/cpim-sim/cpim-sim --version
#
# The bundle runs on a machine of the same OS and CPU kind without Python; on Linux
# it needs the same system libraries as Qt's wheels (see .ci/run) and a glibc no
# older than the build machine's. Build on the oldest system you want to support.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
python="${PYTHON:-python3}"
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
  echo "build.sh: PyInstaller is not installed; run: $python -m pip install '.[package]'" >&2
  exit 2
fi
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$here/dist" --workpath "$here/build" "$here/cpim-sim.spec"
echo "built $here/dist/cpim-sim/ in $(( $(date +%s) - start )) s ($(du -sh "$here/dist/cpim-sim" | cut -f1))"
