"""PHP: Atlassian REST calls made with Guzzle, cURL and Laravel's HTTP client (tree-sitter-php)."""

from scopelint.scanning.languages.php.extractor import extract

__all__ = ["extract"]
