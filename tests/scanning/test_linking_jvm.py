"""Java/Kotlin across files (issues #13, #17): ``static final String`` constants of another
class, static and on-demand imports, same-package classes, and the class -> file rule of the
linker (source roots of Maven/Gradle layouts).  The whole-project fixture is
``fixtures/linking/jvm-maven`` (run by ``test_linking.py``)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from scopelint import api
from scopelint.scanning.core.environment import FileSummary
from scopelint.scanning.linking.modules import ModuleResolver
from scopelint.scanning.linking.sniff import sniff
from scopelint.scanning.scan import summarise_path


def _write(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def _found(root: Path, *paths: str) -> list[tuple[str, int, str, str]]:
    return [(c.location.path, c.location.line, c.method or "?", c.url)
            for c in api.find_calls(list(paths) or ["."], cwd=root) if c.kind == "call"]


CONSTANTS = """
    package com.acme.jira;

    import com.acme.base.Hosts;

    public class Urls {
        public static final String SITE = "https://acme.atlassian.net";
        public static final String API = SITE + "/rest/api/3";
        static final String PACKAGE_API = API;
        private static final String HIDDEN = "https://hidden.atlassian.net/rest/api/3";
        public static String mutable = "https://mutable.atlassian.net/rest/api/3";
        public final String perInstance = "https://instance.atlassian.net/rest/api/3";
        public static final String FROM_ELSEWHERE = Hosts.GATEWAY + "/ex/jira";

        public static class Agile {
            public static final String BOARD = "/rest/agile/1.0/board";
        }
    }
    """


def test_a_summary_lists_the_constants_other_classes_can_read(tmp_path: Path) -> None:
    root = _write(tmp_path, {"src/main/java/com/acme/jira/Urls.java": CONSTANTS})
    summary = summarise_path(root / "src/main/java/com/acme/jira/Urls.java", "Urls.java")
    assert summary is not None and summary.language == "jvm"
    templates = {name: e.template for name, e in summary.exports.items() if e.kind == "constant"}
    assert templates == {
        "SITE": "https://acme.atlassian.net",
        "API": "https://acme.atlassian.net/rest/api/3",  # built from another constant
        "PACKAGE_API": "https://acme.atlassian.net/rest/api/3",
        # another class's constant stays symbolic for the linker
        "FROM_ELSEWHERE": "{@com.acme.base.Hosts.GATEWAY}/ex/jira",
    }  # private, non-final and instance fields are not constants others read
    board = summary.exports["Agile"].members["BOARD"]
    assert board.template == "/rest/agile/1.0/board"
    assert summary.exports["SITE"].origins == (("", 6, 39),)  # the literal the site is written in
    assert FileSummary.from_json(summary.to_json(), "Urls.java") is not None  # plain data


def test_unparsed_files_name_the_classes_they_may_read() -> None:
    data = textwrap.dedent("""
        package com.acme.jira.jobs;

        import static com.acme.jira.Urls.API;
        import static com.acme.jira.Paths.*;
        import com.acme.jira.config.*;
        import com.acme.jira.Client;
        import java.util.List;

        class Job {
            String a = Settings.BASE + Client.PATH + Local.ROOT;
        }
        """).encode()
    imports = sniff("jvm", "Job.java", data).imports
    assert imports == (
        "com.acme.jira.Urls", "com.acme.jira.Paths", "com.acme.jira.config", "com.acme.jira.Client",
        "java.util.List",
        # Settings.BASE: the own package, or a package imported on demand
        "com.acme.jira.jobs.Settings", "com.acme.jira.config.Settings",
        "com.acme.jira.jobs.Local", "com.acme.jira.config.Local",
    )


def test_a_class_is_found_under_any_source_root_of_the_project(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "src/main/java/com/acme/Urls.java": "package com.acme;\n",
        "src/main/kotlin/com/acme/Hosts.kt": "package com.acme\n",
        "billing/src/main/java/com/acme/billing/Api.java": "package com.acme.billing;\n",
        "legacy/com/acme/old/Old.java": "package com.acme.old;\n",
        "legacy/com/acme/old/Job.java": "package com.acme.old;\n",
        "src/test/java/com/acme/UrlsTest.java": "package com.acme;\n",
    })
    resolver = ModuleResolver(root)
    test = root / "src/test/java/com/acme/UrlsTest.java"
    assert resolver.jvm(test, "com.acme.Urls") == root / "src/main/java/com/acme/Urls.java"
    assert resolver.jvm(test, "com.acme.Hosts") == root / "src/main/kotlin/com/acme/Hosts.kt"
    assert resolver.jvm(test, "com.acme.billing.Api") == \
        root / "billing/src/main/java/com/acme/billing/Api.java"  # another module of the build
    # no build layout: the importer's own package folder tells the root
    old = root / "legacy/com/acme/old/Job.java"
    assert resolver.jvm(old, "com.acme.old.Old") == root / "legacy/com/acme/old/Old.java"
    assert resolver.jvm(test, "java.util.List") is None  # a library
    assert resolver.jvm(test, "com.acme") is None  # a package is not a class
    assert resolver.jvm(test, "com.acme.Urls;DROP") is None


def test_calls_link_through_static_imports_same_package_and_nested_classes(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "src/main/java/com/acme/jira/Urls.java": CONSTANTS,
        "src/main/java/com/acme/jira/Boards.java": """
            package com.acme.jira;

            import kong.unirest.Unirest;

            class Boards {
                void list() {
                    Unirest.get(Urls.SITE + Urls.Agile.BOARD).asJson();
                    Unirest.delete(Urls.API + "/issue/" + key).asEmpty();
                }
            }
            """,
    })
    assert _found(root, "src/main/java/com/acme/jira/Boards.java") == [
        ("src/main/java/com/acme/jira/Boards.java", 7, "GET", "https://acme.atlassian.net/rest/agile/1.0/board"),
        ("src/main/java/com/acme/jira/Boards.java", 8, "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
    ]


def test_cycles_and_missing_classes_leave_placeholders(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "src/main/java/a/A.java": """
            package a;
            import b.B;
            public class A { public static final String X = B.Y + "/a"; }
            """,
        "src/main/java/b/B.java": """
            package b;
            import a.A;
            public class B { public static final String Y = A.X + "/b"; }
            """,
        "src/main/java/a/Job.java": """
            package a;
            import kong.unirest.Unirest;
            import missing.Gone;
            class Job {
                void run() {
                    Unirest.get(A.X + "/rest/api/3/myself").asJson();
                    Unirest.get(Gone.SITE + "/rest/api/3/serverInfo").asJson();
                }
            }
            """,
    })
    found = _found(root)
    assert [(line, method) for _path, line, method, _url in found] == [(6, "GET"), (7, "GET")]
    assert found[1][3] == "{SITE}/rest/api/3/serverInfo"


def test_kotlin_reads_a_java_constant_of_its_own_package_without_an_import(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "src/main/java/com/acme/jira/Urls.java": CONSTANTS,
        "src/main/kotlin/com/acme/jira/Watchers.kt": """
            package com.acme.jira

            import okhttp3.Request

            fun watchers(key: String) = Request.Builder().url(Urls.API + "/issue/$key/watchers").build()
            """,
    })
    assert _found(root, "src/main/kotlin/com/acme/jira/Watchers.kt") == [
        ("src/main/kotlin/com/acme/jira/Watchers.kt", 5, "GET",
         "https://acme.atlassian.net/rest/api/3/issue/{key}/watchers"),
    ]


# --------------------------------------------------------------------------- Go


def test_go_reads_exported_constants_of_a_package_of_its_module(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "go.mod": "module github.com/acme/jira-cli\n\ngo 1.22\n",
        "internal/jira/urls.go": """
            package jira

            const Site = "https://acme.atlassian.net"
            const (
                API     = Site + "/rest/api/3"
                private = "https://hidden.atlassian.net/rest/api/3"
            )
            """,
        "internal/jira/paths.go": """
            package jira

            const Issue = API + "/issue/"
            """,
        "internal/jira/urls_test.go": 'package jira\n\nconst Test = "https://test.atlassian.net"\n',
        "cmd/issue.go": """
            package cmd

            import (
                "net/http"

                jr "github.com/acme/jira-cli/internal/jira"
            )

            func get(key string) (*http.Response, error) {
                return http.Get(jr.Issue + key)
            }

            func del(key string) {
                req, _ := http.NewRequest(http.MethodDelete, jr.API+"/issue/"+key, nil)
                http.DefaultClient.Do(req)
            }
            """,
    })
    calls = api.find_calls(["cmd/issue.go"], cwd=root)
    assert [(c.location.line, c.method, c.url) for c in calls if c.kind == "call"] == [
        (10, "GET", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        (14, "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
    ]
    assert ("internal/jira/urls.go", 3) in [(r.path, r.line) for r in calls[0].related]
    resolver = ModuleResolver(root)
    importer = root / "cmd/issue.go"
    assert resolver.go(importer, "github.com/acme/jira-cli/internal/jira") == root / "internal/jira"
    assert resolver.go(importer, "github.com/other/lib") is None
    assert resolver.go(importer, "github.com/acme/jira-cli/../x") is None


KOTLIN_CONFIG = """
    package com.acme.jira

    const val JIRA_BASE = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
    private const val HIDDEN = "https://hidden.atlassian.net/rest/api/3"
    var mutable = "https://mutable.atlassian.net/rest/api/3"

    object Endpoints {
        const val ISSUE = "$JIRA_BASE/rest/api/3/issue"
        val PROJECTS = "$JIRA_BASE/rest/api/3/project/search"
    }

    class Client {
        companion object {
            const val SEARCH = "/rest/api/3/search/jql"
        }
    }
    """


def test_kotlin_const_val_and_object_members_are_linked_across_files(tmp_path: Path) -> None:
    """Top-level ``const val`` and ``val``s of an ``object`` or companion object, in a file
    named after none of them (JiraConfig.kt), read from another package with imports and from
    the same package without."""
    root = _write(tmp_path, {
        "src/main/kotlin/com/acme/jira/JiraConfig.kt": KOTLIN_CONFIG,
        "src/main/kotlin/com/acme/jira/Sync.kt": """
            package com.acme.jira

            import okhttp3.OkHttpClient
            import okhttp3.Request

            class Sync(private val http: OkHttpClient) {
                fun issue(key: String) {
                    http.newCall(Request.Builder().url("${Endpoints.ISSUE}/$key").get().build()).execute()
                }
                fun projects() {
                    http.newCall(Request.Builder().url(Endpoints.PROJECTS).build()).execute()
                }
            }
            """,
        "src/main/kotlin/com/acme/app/Main.kt": """
            package com.acme.app

            import com.acme.jira.Client
            import com.acme.jira.Endpoints
            import com.acme.jira.JIRA_BASE
            import okhttp3.OkHttpClient
            import okhttp3.Request

            fun main() {
                val http = OkHttpClient()
                http.newCall(Request.Builder().url(Endpoints.ISSUE + "/ABC-1").delete().build()).execute()
                http.newCall(Request.Builder().url("$JIRA_BASE/rest/api/3/myself").build()).execute()
                http.newCall(Request.Builder().url(JIRA_BASE + Client.SEARCH).build()).execute()
            }
            """,
    })
    gateway = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
    found = [row for row in _found(root) if not row[0].endswith("JiraConfig.kt")]
    assert found == [
        ("src/main/kotlin/com/acme/app/Main.kt", 11, "DELETE", f"{gateway}/rest/api/3/issue/ABC-1"),
        ("src/main/kotlin/com/acme/app/Main.kt", 12, "GET", f"{gateway}/rest/api/3/myself"),
        ("src/main/kotlin/com/acme/app/Main.kt", 13, "GET", f"{gateway}/rest/api/3/search/jql"),
        ("src/main/kotlin/com/acme/jira/Sync.kt", 8, "GET", f"{gateway}/rest/api/3/issue/{{key}}"),
        ("src/main/kotlin/com/acme/jira/Sync.kt", 11, "GET", f"{gateway}/rest/api/3/project/search"),
    ]
    summary = summarise_path(root / "src/main/kotlin/com/acme/jira/JiraConfig.kt", "JiraConfig.kt")
    assert summary is not None
    assert set(summary.exports) == {"JIRA_BASE", "Endpoints", "Client"}  # not private, not var
    assert set(summary.exports["Client"].members) == {"SEARCH"}
