"""Rules: resolved calls + declarations -> findings (one module per rule)."""
