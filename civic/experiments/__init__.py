"""Experiments run by the Laboratoire des usages with their partners, and their evaluations."""
