"""SDK table build: ``python -m scripts.sdk.build`` (``make sdk-data``)."""
