"""The bundle's entry point: the same as the `cpim-sim` script of an installed package."""

from simulator.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
