"""Go: Atlassian REST calls made with net/http, resty and the go-jira SDK (tree-sitter-go)."""

from scopelint.scanning.languages.go.extractor import extract

__all__ = ["extract"]
