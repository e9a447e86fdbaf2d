"""Statistics pages: the report forms (forms.py), the dashboard and compliance (dashboard.py)."""
