"""Weekly Jira reports."""
