"""The SDK tables agree with the corpus's hand-written ground truth (tests/corpus/*/EXPECTED.toml).

The corpus was written independently, by reading the SDKs, for another purpose (the evaluation
of `scopelint calls`). Every expected call made through an SDK method (`via`) of a tabled class
must be one of the requests the table gives for that method, at the version the project's own
manifests select. Raw escape hatches (`jira._session.get`, `Jira.get`) are the recogniser's job
(the class's `raw` entry), not rows, and SDKs or classes this branch does not table are listed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from scopelint.kb.sdk import SdkTable, load_index
from scopelint.kb.table import load_default
from scopelint.scanning.dependencies import detect_version

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
NOT_TABLED = ("go-jira ", "atlassian.bitbucket.Cloud", "atlassian.bitbucket.cloud.")


def _class_of(via: str, language: str, file: Path, project: Path) -> tuple[SdkTable, str, str] | None:
    index = load_index()
    best: tuple[SdkTable, str, str] | None = None
    for sdk in index.sdks:
        if index.tables(sdk)[-1].language != language:
            continue
        found = detect_version(file.parent, "pypi" if language == "python" else "npm", sdk, stop_at=project)
        table, _ = index.select(sdk, found.version, found.spec)
        names = list(table.classes) + [a for c in table.classes.values() for a in c.get("aliases", ())]
        for name in names:
            named = via.startswith(name + ".") or via == name
            if named and (best is None or len(name) > len(best[1])):
                best = (table, name, via[len(name) + 1 :])
    return best


def test_tables_agree_with_the_corpus_ground_truth() -> None:
    expected = sorted(CORPUS.glob("*/EXPECTED.toml"))
    if not expected:
        pytest.skip(f"no corpus at {CORPUS}")
    kb = load_default()

    def operation(method: str, path: str) -> str:
        resolved = kb.resolve(method, path)
        return resolved.operation.path if resolved.operation else path

    checked, misses = 0, []
    for path in expected:
        project = path.parent
        for call in tomllib.loads(path.read_text(encoding="utf-8")).get("call", []):
            via = call.get("via")
            if not via or via.startswith(NOT_TABLED):
                continue
            language = "python" if call["file"].endswith(".py") else "javascript"
            found = _class_of(via, language, project / call["file"], project)
            assert found is not None, f"{project.name}: {via} names no tabled class"
            table, class_name, method = found
            if not method:
                requests = table.constructor_requests(class_name)
            else:
                raw = {m for entry in table.klass(class_name).get("raw", ()) for m in entry["methods"]}  # type: ignore[union-attr]
                raw |= {entry["attribute"] for entry in table.klass(class_name).get("raw", ())}  # type: ignore[union-attr]
                if method.split(".")[0] in raw:
                    continue  # a raw request: the recogniser reads its URL, the table has no row
                requests = tuple(r for c in table.lookup(class_name, method) for r in c.requests)
            got = {(r.method, operation(r.method, r.path)) for r in requests}
            want = (call["method"], operation(call["method"], call["path"]))
            checked += 1
            if want not in got:
                misses.append(
                    f"{project.name} {table.sdk} {table.version} {via}: {want} not in {sorted(got)}"
                )
    assert checked >= 40, checked
    assert not misses, "\n".join(misses)
