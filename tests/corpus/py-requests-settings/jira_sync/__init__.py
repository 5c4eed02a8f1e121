"""Jira housekeeping jobs for the OPS project."""
