"""Working-day calendar and the legal time-limit rules (LEGAL.md §8, CAL-00..CAL-07)."""
