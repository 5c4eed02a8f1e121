"""PHP extractor: the file is parsed with tree-sitter-php (imported on first use), turned into
the core's shared model (``frontend``), and its requests are recognised from
``knowledge/php.toml``: Guzzle (``new Client(['base_uri' => ...])``, ``->request('GET', $u)``,
``->get($u)``), cURL (``curl_setopt($ch, CURLOPT_URL, ...)`` with ``CURLOPT_CUSTOMREQUEST``,
``CURLOPT_POST``, ``curl_setopt_array``, ``curl_init($u)``) and Laravel's ``Http`` facade
(``Http::withBasicAuth(...)->get($u)``, also through a method returning the pending request).
Laravel routes and ``Http::fake`` are not calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.model import FileScan
from scopelint.scanning.core.frontend import extract_file
from scopelint.scanning.core.treesitter import register_grammar
from scopelint.scanning.languages.php.frontend import PhpFrontEnd

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment
    from scopelint.scanning.source import SourceFile

EXTRACTOR = "php"
register_grammar("php", "tree_sitter_php", "language_php")


def extract(source: SourceFile, environment: Environment | None = None) -> FileScan:
    """The call sites of one PHP file (``environment``: names other files define)."""
    return extract_file(source, "php", PhpFrontEnd, EXTRACTOR, "PHP", environment)
