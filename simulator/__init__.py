"""CPIM exam simulator: a mock CPIM exam in the style of the Pearson VUE test driver."""

__version__ = "0.1.0"
