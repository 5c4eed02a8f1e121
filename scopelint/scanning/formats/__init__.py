"""Extractors for formats that are not programming languages: CI definitions, request files
(.http, Postman), configuration files, and the text-level checks every file gets."""
