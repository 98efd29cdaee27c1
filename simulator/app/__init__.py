"""The application layer, without Qt: the data folder (desk.py) and an exam's life
(runs.py). The screens reach storage only through these."""
