"""Knowledge base: Atlassian OpenAPI documents -> compiled table -> router."""
