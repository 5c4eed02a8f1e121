"""The YAML formats' loader reads with libyaml's C parser where it reads as ruamel's pure-Python
parser does, and hands everything else to the pure-Python one (scanning/formats/yaml_values.py).

"The same" is what scanning reads of a document: its mappings and sequences (classes, order,
sharing through aliases), every scalar's value and type, and the line/column of every key,
string value and sequence item.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.formats import yaml_values
from scopelint.scanning.formats.yaml_values import load_yaml
from scopelint.scanning.scan import scan_bytes
from scopelint.scanning.source import SourceFile

needs_c = pytest.mark.skipif(yaml_values._c_loader() is None,
                             reason="ruamel.yaml.clib (libyaml's parser) is not installed")

SITE = "https://acme.atlassian.net"


def pure(text: str) -> list[Any]:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(yaml.load_all(text))


def _at(get: Any, key: Any) -> Any:
    try:
        return tuple(get(key))
    except (KeyError, IndexError, TypeError):
        return None


def shape(node: Any, memo: dict[int, int] | None = None) -> Any:
    memo = {} if memo is None else memo
    if isinstance(node, list) and not isinstance(node, CommentedSeq):  # the documents
        return [shape(document, memo) for document in node]
    if id(node) in memo:
        return ("alias", memo[id(node)])
    if isinstance(node, CommentedMap):
        memo[id(node)] = len(memo)
        return ("map", type(node).__name__, str(node.tag), node.lc.line, node.lc.col, [
            (shape(key, memo), _at(node.lc.key, key),
             _at(node.lc.value, key) if isinstance(value, str) else None, shape(value, memo))
            for key, value in node.items()])
    if isinstance(node, CommentedSeq):
        memo[id(node)] = len(memo)
        return ("seq", str(node.tag), node.lc.line, node.lc.col, [
            (_at(node.lc.item, index) if isinstance(item, str) else None, shape(item, memo))
            for index, item in enumerate(node)])
    if isinstance(node, TaggedScalar):
        return ("tagged", str(node.tag), node.value, node.style)
    return (type(node).__name__, repr(node))


# Shapes of real configuration: every one is read by the C parser, to the same documents.
READ_BY_C = {
    "github-actions": (
        "name: sync\n"
        "on:\n  push:\n    branches: [main]\n  workflow_dispatch:\n"
        "env:\n  JIRA_BASE: " + SITE + "\n  SCOPES: 'read:jira-work write:jira-work'\n"
        "jobs:\n  sync:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - name: fetch\n        run: |\n"
        "          curl -s -u \"$USER:${{ secrets.TOKEN }}\" \\\n"
        "            \"${{ env.JIRA_BASE }}/rest/api/3/search?jql=project=X&maxResults=5\"\n"
        "      - run: >-\n          echo folded\n          text\n"
    ),
    "gitlab-ci": (
        ".auth:\n  script:\n    - export BASE=" + SITE + "\n"
        "sync:\n  stage: deploy\n  script:\n    - !reference [.auth, script]\n"
        "    - curl \"$BASE/rest/api/3/myself\"\n  variables:\n    JIRA: \"" + SITE + "\"\n"
    ),
    "cloudformation": (
        "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        "      Environment:\n        Variables:\n"
        "          BASE: !Sub 'https://${Site}.atlassian.net/rest/api/3'\n"
        "          ARN: !GetAtt Role.Arn\n"
        "          URL: !Join ['', ['" + SITE + "', !Ref Path]]\n"
        "      Tags: !If [Cond, {Key: a, Value: b}, !Ref 'AWS::NoValue']\n"
    ),
    "kubernetes, three documents": (
        "apiVersion: v1\nkind: ConfigMap\ndata:\n  jira: " + SITE + "/rest/api/3/issue\n"
        "---\n# a comment only\n---\n"
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
        "        - name: app\n          env:\n            - name: ATLASSIAN_SCOPES\n"
        "              value: read:jira-work\n            - {name: X, value: '" + SITE + "'}\n"
        "...\n"
    ),
    "docker-compose": (
        "services:\n  app:\n    environment:\n      - JIRA_URL=" + SITE + "\n"
        "      - OAUTH_SCOPES=read:jira-user\n    ports: ['8080:8080']\n"
    ),
    "duplicate keys, merge keys, complex keys": (
        "base: " + SITE + "\nbase: https://other.atlassian.net\n"
        "defaults: {timeout: 5}\nclient:\n  <<: {retries: 3}\n  url: " + SITE + "\n"
        "? [a, b]\n: pair\n? |\n  block key\n: v\n"
    ),
    "scalars of every style and type": (
        "plain: " + SITE + "/wiki\nsingle: 'it''s " + SITE + "'\n"
        "double: \"\\x41\\u00e9 \\\"q\\\" " + SITE + "\"\n"
        "multi: \"one\n  two\"\nfolded: >\n  a\n\n  b\nliteral: |2\n   indented\n"
        "types: [1, 0o17, 017, 1.5, .inf, ~, null, yes, on, true, 2020-01-01, 0x1f]\n"
        "empty:\nkey:value: x\nhash: a#b\n"
    ),
    "not ASCII, CRLF, BOM": (
        "\ufeffnom: \u00e9t\u00e9 \u65e5\u672c\r\nurl: " + SITE + "/rest/api/3/project\r\n"
        "liste: [\u00e9, \u00fc]\r\n"
    ),
    "comments only": "# nothing here\n",
    "empty": "",
}


@needs_c
@pytest.mark.parametrize("text", list(READ_BY_C.values()), ids=list(READ_BY_C))
def test_the_c_parser_reads_real_configuration_as_the_pure_parser_does(text: str) -> None:
    fast = yaml_values._load_with_c_parser(text)
    assert fast is not None, "read by the pure-Python parser: the C path no longer serves"
    assert shape(fast) == shape(pure(text))


# Text the two parsers were seen to read differently: the pure-Python parser reads it.
PURE_ONLY = {
    "a tab after a value (ruamel refuses it, libyaml reads on)": "a: b  \t\nc: d\n",
    "a tab after an indicator": "a:\tb\n",
    "NEL (libyaml breaks the line there)": "a: b\x85c: d\n",
    "a !! tag (ruamel: a tagged scalar, libyaml: a string)": "a: !!str " + SITE + "\n",
    "an anchor named with a colon (libyaml ends the name there)": "- &name:\n  a: b\n",
    "an anchored scalar (ruamel keeps its anchor: ScalarInt)": "a: &x 1\nb: *x\n",
    "a reused anchor (ruamel warns, libyaml refuses)": "a: &x 1\nb: &x 2\nc: *x\n",
    "a block scalar header with a comment without a blank": "a: |-#\n  x\n",
    "a block scalar's first line blank with a space (ruamel refuses it)": "a: |\n \n    x\n",
    "a CR alone (it moves where a block scalar's lines start)": "a: |\n \r   x\n",
    "a %YAML 1.1 directive (yes is a boolean there)": "%YAML 1.1\n---\na: yes\n",
    "nesting past the bound (libyaml's composer recurses in C)": "- " * 30 + "x\n",
    "deep flow nesting": "a: " + "[" * 25 + "1" + "]" * 25 + "\n",
    "a BOM past the start (libyaml drops it, ruamel keeps it in the key)": "---\n\ufeffjobs: x\n",
}


@needs_c
@pytest.mark.parametrize("text", list(PURE_ONLY.values()), ids=list(PURE_ONLY))
def test_text_the_parsers_read_differently_goes_to_the_pure_parser(text: str) -> None:
    assert yaml_values._load_with_c_parser(text) is None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ruamel's ReusedAnchorWarning
        documents, warning = load_yaml(SourceFile.from_text(text, "app.yaml"))
    try:
        expected = shape(pure(text))
    except Exception:  # the pure parser refuses it: so does load_yaml
        assert warning is not None and documents == []
        return
    assert warning is None
    assert shape(documents) == expected


def test_broken_yaml_gives_the_pure_parsers_one_line_error_naming_the_file() -> None:
    cases = {
        "a: [b\n": "expected ',' or ']', but got '<stream end>' at line 2",
        "a: b\n c: d: e\n": "mapping values are not allowed here at line 2",
        "a:\tb\n": "found character '\\t' that cannot start any token at line 1",
    }
    for text, problem in cases.items():
        assert load_yaml(SourceFile.from_text(text, "ci/app.yaml")) == (
            [], f"ci/app.yaml: invalid YAML ({problem}); only text-level checks ran")


def test_a_reused_anchor_is_read_as_ruamel_reads_it() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ruamel's ReusedAnchorWarning
        documents, warning = load_yaml(SourceFile.from_text("a: &x 1\nb: &x 2\nc: *x\n", "a.yaml"))
    assert warning is None
    assert documents == [{"a": 1, "b": 2, "c": 2}]


def test_nesting_that_would_overflow_the_c_stack_is_refused_with_a_warning() -> None:
    # 50,000 nested complex keys pass the indentation and bracket guard; libyaml's composer
    # would recurse 50,000 levels in C (a crash), the pure parser stops at Python's limit.
    data = ("url: " + SITE + "/rest/api/3/myself\n" + "? " * 50_000 + "x\n").encode()
    scan = scan_bytes(DiscoveredFile("deep.yaml", "deep.yaml", explicit=True), data)
    assert any("too deeply nested" in warning for warning in scan.warnings)
    assert [call.url for call in scan.calls] == [SITE + "/rest/api/3/myself"]
