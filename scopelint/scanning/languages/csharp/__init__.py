"""C# (tree-sitter-c-sharp): HttpClient, HttpRequestMessage, RestSharp and WebClient calls."""

from scopelint.scanning.languages.csharp.extractor import extract

__all__ = ["extract"]
