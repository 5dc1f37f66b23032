"""Proposals: ideas and experiment proposals put to the usage lab, supported and answered."""
