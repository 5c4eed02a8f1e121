"""--fix on a Forge manifest's egress lists (issue #21): new entries take the form of the
list's own entries, and everything else stays byte for byte."""

from __future__ import annotations

from scopelint.fixing.forge_manifest import edit_entries

BACKEND = "permissions.external.fetch.backend"

ADDRESS_LIST = """\
permissions:
  external:
    fetch:
      backend:
        - address: events.pagerduty.com  # incidents
          category: analytics
          inScopeEUD: false
    images:
      - cdn.example.com
app:
  id: x
"""


def test_a_list_of_address_mappings_gets_address_mappings() -> None:
    fixed = edit_entries(ADDRESS_LIST, [(BACKEND, "hooks.slack.com"), (BACKEND, "api.example.io")])

    assert fixed == ADDRESS_LIST.replace(
        "          inScopeEUD: false\n",
        "          inScopeEUD: false\n"
        "        - address: hooks.slack.com\n"
        "        - address: api.example.io\n",
    )


def test_a_list_of_plain_entries_stays_plain_and_sorted() -> None:
    fixed = edit_entries(ADDRESS_LIST, [("permissions.external.images", "a.example.com")])

    assert fixed == ADDRESS_LIST.replace(
        "    images:\n      - cdn.example.com\n",
        "    images:\n      - a.example.com\n      - cdn.example.com\n",
    )


def test_an_address_already_declared_as_a_mapping_is_not_added_again() -> None:
    assert edit_entries(ADDRESS_LIST, [(BACKEND, "events.pagerduty.com")]) == ADDRESS_LIST


def test_removing_an_address_mapping_takes_all_of_its_lines_and_nothing_else() -> None:
    text = ADDRESS_LIST.replace(
        "          inScopeEUD: false\n",
        "          inScopeEUD: false\n        - address: old.example.com  # gone\n"
        "          category: analytics\n        - api.example.io\n",
    )

    fixed = edit_entries(text, [], [(BACKEND, "old.example.com"), (BACKEND, "events.pagerduty.com")])

    assert fixed == (
        "permissions:\n  external:\n    fetch:\n      backend:\n        - api.example.io\n"
        "    images:\n      - cdn.example.com\napp:\n  id: x\n"
    )
