"""Reporting: findings -> text/json/sarif/... (one reporter per format behind one interface)."""
