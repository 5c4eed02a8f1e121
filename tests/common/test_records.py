"""scopelint.common.records makes the classes dataclasses makes (same methods, same behaviour),
cheaply; the written-out ``__init__`` methods (record_inits.py) are those of today's fields."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path

import pytest

from scopelint.common import record_inits, records
from scopelint.common.records import dataclass, field, replace
from scopelint.model import CallSite, FileScan, Finding, Location, ScopeDeclaration, Severity
from scripts.record_inits import TARGET, source


def test_record_inits_is_up_to_date() -> None:
    assert TARGET.read_text(encoding="utf-8") == source(), "run `make records`"


def test_every_class_of_scopelint_uses_its_written_init() -> None:
    source()  # imports every module with such classes
    written = [(cls, kinds) for key, cls, kinds in records.REGISTRY if key in record_inits.INITS]
    assert {Location, FileScan} <= {cls for cls, _kinds in written}
    for cls, _kinds in written:
        assert cls.__init__.__code__.co_filename == record_inits.__file__, cls
    # a frozen class with slots sets its fields through the slots (not object.__setattr__)
    assert dict(written)[Location] == "frozen slots " and dict(written)[FileScan] == ""


@dataclasses.dataclass(frozen=True, slots=True, order=True)
class Reference:
    path: str
    line: int
    column: int | None = None
    tags: tuple[str, ...] = dataclasses.field(default=(), compare=False)
    notes: dict[str, int] = dataclasses.field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True, order=True)
class Ours:
    path: str
    line: int
    column: int | None = None
    tags: tuple[str, ...] = field(default=(), compare=False)
    notes: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


def test_a_class_behaves_as_the_dataclass_of_the_same_fields() -> None:
    ours, theirs = Ours("a.py", 2, tags=("x",)), Reference("a.py", 2, tags=("x",))
    assert repr(ours).replace("Ours", "Reference") == repr(theirs)
    assert ours == Ours("a.py", 2) and ours != Ours("a.py", 3) and ours != theirs
    assert hash(ours) == hash(theirs) == hash(Ours("a.py", 2, tags=("y",), notes={"a": 1}))
    assert sorted([Ours("b", 1, 0), Ours("a", 9, 0), Ours("a", 1, 4), Ours("a", 1, 0)]) == [
        Ours("a", 1, 0), Ours("a", 1, 4), Ours("a", 9, 0), Ours("b", 1, 0)]
    assert (Ours("a", 1) < Ours("a", 2)) and Ours("a", 1) <= Ours("a", 1) and Ours("b", 1) > Ours("a", 1)
    with pytest.raises(TypeError):
        assert Ours("a", 1) < Reference("a", 2)  # type: ignore[operator]
    assert Ours.__slots__ == Reference.__slots__ and not hasattr(ours, "__dict__")
    assert Ours.__match_args__ == Reference.__match_args__
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'line'"):
        ours.line = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del ours.path  # type: ignore[misc]
    assert Ours("a", 1).notes is not Ours("a", 1).notes  # a factory per instance
    with pytest.raises(TypeError, match=r"^Location.__init__\(\) missing 3 required positional arguments"):
        Location()  # type: ignore[call-arg]  # (a written __init__: Python's own message)
    with pytest.raises(TypeError):
        Ours()  # type: ignore[call-arg]


def test_the_functions_of_dataclasses_and_pickling_work() -> None:
    ours = Ours("a.py", 2, notes={"n": 1})
    assert dataclasses.is_dataclass(ours) and dataclasses.is_dataclass(Ours)
    assert [f.name for f in dataclasses.fields(ours)] == ["path", "line", "column", "tags", "notes"]
    assert dataclasses.fields(ours)[1].default is dataclasses.MISSING
    assert dataclasses.asdict(ours) == {"path": "a.py", "line": 2, "column": None, "tags": (),
                                        "notes": {"n": 1}}
    assert dataclasses.replace(ours, line=5) == replace(ours, line=5) == Ours("a.py", 5)
    assert replace(ours, line=5).notes == {"n": 1}
    # copy.replace (Python 3.13) calls __replace__, which dataclasses define too
    assert ours.__replace__(line=5) == replace(ours, line=5)  # type: ignore[attr-defined]
    if hasattr(copy, "replace"):
        assert copy.replace(ours, line=5) == replace(ours, line=5)
    with pytest.raises(TypeError):
        replace(ours, colour=1)
    for copied in (pickle.loads(pickle.dumps(ours)), copy.deepcopy(ours), copy.copy(ours)):
        assert copied == ours and copied.notes == {"n": 1}


def test_the_model_classes_keep_their_shapes() -> None:
    where = Location("a.py", 3, 5)
    call = CallSite(where, "https://x/rest/api/3/myself", "GET", via="requests.get")
    assert call == CallSite(where, "https://x/rest/api/3/myself", "GET")  # via: no part of equality
    assert hash(call) == hash(CallSite(where, "https://x/rest/api/3/myself", "GET"))
    assert repr(where) == "Location(path='a.py', line=3, column=5, end_line=None, end_column=None)"
    declared = ScopeDeclaration("config", where, ".", ("read:jira-work",), scope_lines={"read:jira-work": 3})
    assert hash(declared) == hash(ScopeDeclaration("config", where, ".", ("read:jira-work",)))
    finding = Finding("SL001", "hardcoded-site-url", Severity.ERROR, where, "m")
    assert dataclasses.replace(finding, message="n").message == "n"
    scan = FileScan("a.py")
    scan.calls.append(call)
    assert FileScan("a.py").calls == [] and scan != FileScan("a.py")
    with pytest.raises(TypeError):
        hash(scan)
    assert pickle.loads(pickle.dumps(scan)) == scan
    assert pickle.loads(pickle.dumps(finding)) == finding


def test_a_class_not_written_out_binds_its_arguments_itself() -> None:
    @dataclass(slots=True)
    class Later:
        name: str
        count: int = 0
        seen: list[str] = field(default_factory=list)

        def __post_init__(self) -> None:
            self.count += 1

    assert Later.__init__.__code__.co_filename == records.__file__
    assert Later("a") == Later(name="a") and Later("a", 2).count == 3
    assert Later("a").seen is not Later("a").seen and Later("a", 1, ["x"]).seen == ["x"]
    for wrong in ((), ("a", 1, [], 4)):
        with pytest.raises(TypeError):
            Later(*wrong)
    with pytest.raises(TypeError):
        Later("a", name="b")  # type: ignore[misc]
    with pytest.raises(TypeError):
        Later("a", colour=1)  # type: ignore[call-arg]


def test_mutable_defaults_are_refused_as_by_dataclasses() -> None:
    with pytest.raises(ValueError, match="mutable default"):
        @dataclass
        class Wrong:
            items: list[str] = []  # noqa: RUF012


def test_the_generated_file_is_in_the_package() -> None:
    assert Path(record_inits.__file__) == TARGET
