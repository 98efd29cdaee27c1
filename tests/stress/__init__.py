"""Crash-safety stress: a scripted driver of the real program and the harness that kills it."""
