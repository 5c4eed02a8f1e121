"""PowerShell (tree-sitter-powershell): web cmdlet calls, wrapper functions, splatting, data files."""

from scopelint.scanning.languages.powershell.extractor import extract, summarise

__all__ = ["extract", "summarise"]
