"""Java / Kotlin extractor: a ``.java`` file is parsed with tree-sitter-java, a ``.kt``/``.kts``
file with tree-sitter-kotlin (each imported on first use); both become the core's shared model
(``java``, ``kotlin``) and share one client table, ``knowledge/jvm.toml``: the JVM's HTTP
clients are the same whichever language calls them.  Builder chains
(``HttpRequest.newBuilder().uri(URI.create(u)).PUT(b)``, ``new Request.Builder().url(u).post(b)``,
``webClient.method(HttpMethod.GET).uri(u)``), verb methods (``rest.getForObject(u)``,
``Unirest.get(u)``), ``exchange(u, HttpMethod.PUT, ...)``, ``new HttpGet(u)`` and Retrofit
annotations (``@GET("rest/api/3/issue/{key}")``) are requests; WireMock stubs, MockWebServer
and Spring/JAX-RS route annotations are not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.model import FileScan
from scopelint.scanning.core.frontend import extract_file
from scopelint.scanning.core.treesitter import register_grammar
from scopelint.scanning.languages.jvm.java import JavaFrontEnd
from scopelint.scanning.languages.jvm.kotlin import KotlinFrontEnd
from scopelint.scanning.languages.jvm.summary import summarise

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment
    from scopelint.scanning.source import SourceFile

EXTRACTOR = "jvm"
KOTLIN_SUFFIXES = (".kt", ".kts")
register_grammar("java", "tree_sitter_java")
register_grammar("kotlin", "tree_sitter_kotlin")


def extract(source: SourceFile, environment: Environment | None = None,
            force: bool = False) -> FileScan:
    """The call sites of one Java or Kotlin file (``environment``: names other files define)
    and, without ``environment``, its summary for the cross-file linker (``force``: parse it
    whatever it holds)."""
    if source.display.lower().endswith(KOTLIN_SUFFIXES):
        return extract_file(source, "kotlin", KotlinFrontEnd, EXTRACTOR, "Kotlin", environment,
                            summarise=summarise, force=force)
    return extract_file(source, "java", JavaFrontEnd, EXTRACTOR, "Java", environment,
                        summarise=summarise, force=force)
