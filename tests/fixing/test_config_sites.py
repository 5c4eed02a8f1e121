"""Recording a site's cloudId in the configuration text, in place."""

from __future__ import annotations

from scopelint.fixing.config_sites import set_site_toml, set_site_yaml

ID = "1324a887-45db-1bf4-1e99-ef0ff456d421"
OLD = "0c2e9f3a-1111-2222-3333-444455556666"


def test_yaml_replaces_an_existing_host_keeping_its_quotes_and_comment() -> None:
    text = f"sites:\n  ACME.atlassian.net: '{OLD}'  # prod\nscopes: [read:a]\n"
    assert set_site_yaml(text, "acme.atlassian.net", ID) == (
        f"sites:\n  ACME.atlassian.net: '{ID}'  # prod\nscopes: [read:a]\n"
    )
    assert set_site_yaml(text, "acme.atlassian.net", OLD) is text


def test_yaml_flow_and_empty_sites() -> None:
    assert set_site_yaml("sites: {}  # none\n", "acme.atlassian.net", ID) == (
        f"sites: {{acme.atlassian.net: {ID}}}  # none\n"
    )
    assert set_site_yaml("sites:\nselect: [SL]\n", "acme.atlassian.net", ID) == (
        f"sites:\n  acme.atlassian.net: {ID}\nselect: [SL]\n"
    )


def test_toml_inline_table_keeps_its_spacing() -> None:
    text = f'[tool.scopelint]\nsites = {{ "old.atlassian.net" = "{OLD}" }}  # known sites\n'
    assert set_site_toml(text, "acme.atlassian.net", ID, ("tool", "scopelint")) == (
        f'[tool.scopelint]\nsites = {{ "old.atlassian.net" = "{OLD}", '
        f'"acme.atlassian.net" = "{ID}" }}  # known sites\n'
    )


def test_toml_new_sites_table_between_tables_gets_a_blank_line() -> None:
    text = '[tool.scopelint]\nselect = ["SL"]\n\n[tool.ruff]\nline-length = 100\n'
    assert set_site_toml(text, "acme.atlassian.net", ID, ("tool", "scopelint")) == (
        '[tool.scopelint]\nselect = ["SL"]\n\n'
        f'[tool.scopelint.sites]\n"acme.atlassian.net" = "{ID}"\n\n'
        "[tool.ruff]\nline-length = 100\n"
    )
