"""OAuth 2.0 scope declarations in Python and JavaScript/TypeScript code, however written.

Each file goes through the whole per-file scan (prefilter, extractor registry, text checks),
as ``scopelint check`` reads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scopelint.model import ScopeDeclaration
from scopelint.scanning.core.environment import Export, MappingEnvironment
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.languages.python import extract as extract_python
from scopelint.scanning.scan import scan_file
from scopelint.scanning.source import SourceFile


def declarations(tmp_path: Path, name: str, text: str) -> list[ScopeDeclaration]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    scan = scan_file(DiscoveredFile(path, name, explicit=True))
    assert not scan.warnings, scan.warnings
    return scan.declarations


def summary(found: list[ScopeDeclaration]) -> list[tuple[str, int, dict[str, int]]]:
    """(kind, line, {scope: line}) of each declaration, in file order."""
    return sorted((d.kind, d.location.line, dict(d.scope_lines)) for d in found)


# --------------------------------------------------------------------------- Python


def test_python_scope_list_bound_to_a_name(tmp_path: Path) -> None:
    found = declarations(tmp_path, "app/config.py", (
        'SCOPES = ["read:me", "read:jira-work",\n'
        '          "offline-access"]\n'
    ))
    assert summary(found) == [
        ("scope-list", 1, {"read:me": 1, "read:jira-work": 1, "offline-access": 2}),
    ]
    assert found[0].source == "oauth-scopes" and found[0].root == "app"


@pytest.mark.parametrize(
    "code",
    [
        'JIRA_SCOPES = ("read:jira-work", "write:jira-work")\n',
        'oauth_scope = {"read:jira-work", "write:jira-work"}\n',
        'DEFAULT_SCOPE = "read:jira-work write:jira-work"\n',
        'DEFAULT_SCOPE = "read:jira-work,write:jira-work"\n',
        'SCOPES = frozenset(["read:jira-work"]) | {"write:jira-work"}\n',
        'BASE = ["read:jira-work"]\nSCOPES = [*BASE, "write:jira-work"]\n',
        'class Settings:\n    scopes: list[str] = ["read:jira-work", "write:jira-work"]\n',
    ],
)
def test_python_tuples_sets_strings_and_spreads(tmp_path: Path, code: str) -> None:
    found = declarations(tmp_path, "settings.py", code)
    assert [set(d.scopes) for d in found] == [{"read:jira-work", "write:jira-work"}]


def test_python_scope_keys_of_dicts_keywords_and_pairs(tmp_path: Path) -> None:
    found = declarations(tmp_path, "auth.py", (
        "from urllib.parse import urlencode\n"
        'PARAMS = {"audience": "api.atlassian.com", "scope": "read:jira-user"}\n'
        'query = urlencode([("client_id", "x"), ("scope", "manage:jira-project")])\n'
        'client = make_client(oauth_scopes=["read:jira-work"])\n'
    ))
    assert summary(found) == [
        ("scope-key", 2, {"read:jira-user": 2}),
        ("scope-key", 3, {"manage:jira-project": 3}),
        ("scope-key", 4, {"read:jira-work": 4}),
    ]


def test_python_authorization_url_built_every_way(tmp_path: Path) -> None:
    found = declarations(tmp_path, "login.py", (
        "AUTH = 'https://auth.atlassian.com'\n"
        "IMPLICIT = ('https://auth.atlassian.com/authorize?audience=api.atlassian.com'\n"
        "            '&scope=read%3Ame%20read%3Ajira-work+offline_access&state=x')\n"
        "PLUS = AUTH + '/authorize?audience=api.atlassian.com&scope=' + '%20'.join(\n"
        "    ['read:page:confluence', 'write:page:confluence']) + '&prompt=consent'\n"
        "def link(state):\n"
        "    return f\"{AUTH}/authorize?audience=api.atlassian.com&scope=read%3Ajira-user&state={state}\"\n"
    ))
    assert summary(found) == [
        ("authorization-url", 2, {"read:me": 3, "read:jira-work": 3, "offline_access": 3}),
        ("authorization-url", 4, {"read:page:confluence": 5, "write:page:confluence": 5}),
        ("authorization-url", 7, {"read:jira-user": 7}),
    ]


def test_python_list_and_the_url_built_from_it_are_one_declaration(tmp_path: Path) -> None:
    found = declarations(tmp_path, "auth.py", (
        "from urllib.parse import urlencode\n"
        'SCOPES = ["read:jira-work", "offline_access"]\n'
        "def url(state):\n"
        '    query = urlencode({"audience": "api.atlassian.com", "scope": " ".join(SCOPES)})\n'
        '    return f"https://auth.atlassian.com/authorize?{query}"\n'
    ))
    assert summary(found) == [("scope-list", 2, {"read:jira-work": 2, "offline_access": 2})]


def test_python_oauth_libraries_are_named(tmp_path: Path) -> None:
    found = declarations(tmp_path, "clients.py", (
        "from requests_oauthlib import OAuth2Session\n"
        "from authlib.integrations.requests_client import OAuth2Session as AuthlibSession\n"
        "JIRA = ['read:jira-work']\n"
        "a = OAuth2Session('id', None, None, None, JIRA)\n"
        "b = AuthlibSession('id', 'secret', scope='write:jira-work')\n"
        "oauth.register('atlassian', client_kwargs={'scope': 'read:jira-user'})\n"
    ))
    library = sorted((d.via, d.scopes) for d in found if d.kind == "oauth-library")
    assert library == [
        ("*.register", ("read:jira-user",)),
        ("authlib.integrations.requests_client.OAuth2Session", ("write:jira-work",)),
        ("requests_oauthlib.OAuth2Session", ("read:jira-work",)),
    ]


def test_python_values_read_at_run_time_make_a_partial_declaration(tmp_path: Path) -> None:
    found = declarations(tmp_path, "settings.py", (
        "import os\n"
        "from extra import MORE\n"
        'SCOPES = ["read:jira-work"] + MORE\n'
        'DEFAULT_SCOPES = os.environ.get("JIRA_SCOPES", "read:jira-user").split()\n'
    ))
    assert [(d.scopes, d.partial) for d in found] == [
        (("read:jira-work",), True), (("read:jira-user",), True)
    ]


def test_python_name_only_imported_declares_nothing_without_the_environment() -> None:
    text = (
        "from app.config import SCOPES\n"
        "from requests_oauthlib import OAuth2Session\n"
        "session = OAuth2Session('id', scope=SCOPES)\n"
    )
    source = SourceFile.from_text(text, "app/jira.py")
    assert extract_python(source).declarations == []
    environment = MappingEnvironment(
        {"app.config.SCOPES": Export("constant", template="read:jira-work write:jira-work")}
    )
    found = extract_python(source, environment).declarations
    assert [(d.kind, d.scopes, d.location.line) for d in found] == [
        ("oauth-library", ("read:jira-work", "write:jira-work"), 3)
    ]


def test_python_other_providers_mocks_and_assertions_are_not_declarations(tmp_path: Path) -> None:
    found = declarations(tmp_path, "tests/test_auth.py", (
        "import responses\n"
        'GOOGLE_SCOPES = ["openid", "email", "https://www.googleapis.com/auth/drive"]\n'
        'GITHUB_SCOPES = "repo read:org user:email"\n'
        "def test_token(rsps):\n"
        '    responses.add(responses.GET, "https://api.atlassian.com/oauth/token/accessible-resources",\n'
        '                  json=[{"id": "1", "scopes": ["read:jira-work"]}])\n'
        '    assert parse({"scope": "read:jira-work"}) == ["read:jira-work"]\n'
        '    granted = ["read:jira-work"]\n'
    ))
    assert found == []


# --------------------------------------------------------------------------- JavaScript / TypeScript


def test_ts_scopes_array_and_urlsearchparams(tmp_path: Path) -> None:
    found = declarations(tmp_path, "src/auth.ts", (
        "export const SCOPES = ['read:servicedesk-request', 'write:servicedesk-request', 'offline_access'];\n"
        "export function authorizeUrl(client_id: string) {\n"
        "  return `https://auth.atlassian.com/authorize?${new URLSearchParams({\n"
        "    audience: 'api.atlassian.com',\n"
        "    scope: SCOPES.join(' '),\n"
        "    client_id,\n"
        "  })}`;\n"
        "}\n"
    ))
    assert summary(found) == [("scope-list", 1, {
        "read:servicedesk-request": 1, "write:servicedesk-request": 1, "offline_access": 1,
    })]


def test_js_object_keys_setters_pairs_and_fields(tmp_path: Path) -> None:
    found = declarations(tmp_path, "src/oauth.js", (
        "export const registration = { scope: 'offline-access read:account read:jira-work' };\n"
        "const params = new URLSearchParams();\n"
        "params.append('scope', 'write:jira-work');\n"
        "const pairs = new URLSearchParams([['scope', 'read:jira-user']]);\n"
        "class Client { scopes = ['manage:jira-project']; }\n"
        "const scope = 'read:me';\n"
        "const options = { scope };\n"
        "this.oauthScopes = ['read:confluence-content.all'];\n"
    ))
    assert summary(found) == [
        ("scope-key", 1, {"offline-access": 1, "read:account": 1, "read:jira-work": 1}),
        ("scope-key", 3, {"write:jira-work": 3}),
        ("scope-key", 4, {"read:jira-user": 4}),
        ("scope-list", 5, {"manage:jira-project": 5}),
        ("scope-list", 6, {"read:me": 6}),
        ("scope-list", 8, {"read:confluence-content.all": 8}),
    ]


def test_js_authorization_urls_template_concatenation_and_encoding(tmp_path: Path) -> None:
    found = declarations(tmp_path, "login.js", (
        "const AUTH = 'https://auth.atlassian.com';\n"
        "const list = ['read:page:confluence', 'write:page:confluence'];\n"
        "const a = `${AUTH}/authorize?audience=api.atlassian.com&scope=${\n"
        "  encodeURIComponent(list.join(' '))}`;\n"
        "const b = AUTH + '/authorize?audience=api.atlassian.com' +\n"
        "  '&scope=read%3Ame%20read%3Ajira-wrok';\n"
    ))
    assert summary(found) == [
        ("authorization-url", 3, {"read:page:confluence": 2, "write:page:confluence": 2}),
        ("authorization-url", 5, {"read:me": 6, "read:jira-wrok": 6}),
    ]


def test_js_oauth_libraries_are_named(tmp_path: Path) -> None:
    found = declarations(tmp_path, "auth.ts", (
        "import AtlassianStrategy from 'passport-atlassian-oauth2';\n"
        "import AtlassianProvider from 'next-auth/providers/atlassian';\n"
        "import { AuthorizationCode } from 'simple-oauth2';\n"
        "passport.use(new AtlassianStrategy({ clientID: 'x', scope: 'read:jira-user' }, verify));\n"
        "const params = { scope: 'read:me read:jira-work' };\n"
        "export const provider = AtlassianProvider({ authorization: { params } });\n"
        "new AuthorizationCode(config).authorizeURL({ scope: ['manage:jira-configuration'] });\n"
    ))
    library = sorted((d.via or "", d.scopes) for d in found if d.kind == "oauth-library")
    assert library == [
        ("*.authorizeURL", ("manage:jira-configuration",)),
        ("new passport-atlassian-oauth2", ("read:jira-user",)),
        ("next-auth/providers/atlassian", ("read:me", "read:jira-work")),
    ]


def test_js_env_fallback_is_partial_and_other_providers_are_ignored(tmp_path: Path) -> None:
    found = declarations(tmp_path, "config.js", (
        "export const scopes = process.env.JIRA_SCOPES ?? 'read:jira-work';\n"
        "export const google = { scope: ['openid', 'email'] };\n"
        "export const github = { scopes: 'repo read:org' };\n"
        "nock('https://api.atlassian.com').get('/oauth/token/accessible-resources')\n"
        "  .reply(200, [{ id: '1', scopes: ['read:jira-work'] }]);\n"
    ))
    assert [(d.scopes, d.partial) for d in found] == [(("read:jira-work",), True)]


def test_a_file_without_scope_markers_is_not_read_for_declarations(tmp_path: Path) -> None:
    assert declarations(tmp_path, "src/ui.ts", "export const scope = { level: 'team' };\n") == []


def test_ts_authorization_url_with_scopes_from_an_import_it_cannot_read_is_partial(
    tmp_path: Path,
) -> None:
    """The URL asks for whatever ``PERMISSIONS`` holds: an Atlassian authorization URL whose
    scopes are not known declares *something*, so the app's other declarations are not the
    whole truth (its ``client_id`` being unknown does not count)."""
    found = declarations(tmp_path, "src/auth.ts", (
        "import { PERMISSIONS } from './permissions';\n"
        "const client_id = process.env.CLIENT_ID!;\n"
        "export const url = `https://auth.atlassian.com/authorize?${new URLSearchParams({\n"
        "  audience: 'api.atlassian.com', scope: PERMISSIONS.join(' '), client_id })}`;\n"
    ))
    assert [(d.kind, d.location.line, d.scopes, d.partial) for d in found] == [
        ("authorization-url", 3, (), True)
    ]


def test_ts_url_built_from_an_imported_scopes_list_leaves_it_to_its_module(tmp_path: Path) -> None:
    """``SCOPES`` is read where it is defined (a name containing scope): the URL that imports
    it adds nothing and takes nothing away."""
    found = declarations(tmp_path, "src/auth.ts", (
        "import { SCOPES } from './scopes';\n"
        "export const url = `https://auth.atlassian.com/authorize?${new URLSearchParams({\n"
        "  audience: 'api.atlassian.com', scope: SCOPES.join(' '), client_id: id() })}`;\n"
    ))
    assert found == []


def test_urlsearchparams_query_is_read_as_the_authorization_url(tmp_path: Path) -> None:
    found = declarations(tmp_path, "login.js", (
        "const query = { audience: 'api.atlassian.com', scope: 'read:jira-work offline_access',\n"
        "                state: makeState() };\n"
        "location.href = 'https://auth.atlassian.com/authorize?' + new URLSearchParams(query);\n"
    ))
    assert [(d.scopes, d.partial) for d in found] == [(("read:jira-work", "offline_access"), False)]


def test_python_urlencode_query_reads_the_url_and_an_unread_scope_makes_it_partial(
    tmp_path: Path,
) -> None:
    found = declarations(tmp_path, "auth.py", (
        "import os\n"
        "from urllib.parse import urlencode\n"
        "from app.settings import PERMS\n"
        "AUTHORIZE_URL = 'https://auth.atlassian.com/authorize'\n"
        "def login():\n"
        "    params = {'audience': 'api.atlassian.com', 'client_id': os.environ['ID'],\n"
        "              'scope': ' '.join(PERMS)}\n"
        "    return AUTHORIZE_URL + '?' + urlencode(params)\n"
    ))
    assert [(d.kind, d.location.line, d.scopes, d.partial) for d in found] == [
        ("authorization-url", 8, (), True)
    ]
    imported_scopes = declarations(tmp_path, "auth2.py", (
        "from urllib.parse import urlencode\n"
        "from app.settings import SCOPES\n"
        "def login(client_id):\n"
        "    query = urlencode([('client_id', client_id), ('scope', ' '.join(SCOPES))])\n"
        "    return 'https://auth.atlassian.com/authorize?' + query\n"
    ))
    assert imported_scopes == []
