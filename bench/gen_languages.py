"""Realistic Go, Java, Kotlin and PHP source files for the per-language scan benchmark
(`languages.py`) and the query-walk equivalence test.

Each file is a few hundred lines of the shapes integrations are written in: a client type
with a base URL and a token, helpers that build paths with ``+`` / templates / ``format``,
maps and request bodies, loops and error handling, and (in one file of three) calls to Jira,
Confluence or Bitbucket through the language's usual HTTP client.  Deterministic for a seed.

    python bench/gen_languages.py [--files 200] [--out bench/.work/languages]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

from _common import WORK

OUT = WORK / "languages"
SUFFIXES = {"go": ".go", "java": ".java", "kotlin": ".kt", "php": ".php"}
PATHS = ("/rest/api/3/issue/", "/rest/api/3/project/", "/wiki/api/v2/pages/",
         "/rest/api/3/search/jql", "/wiki/rest/api/content/", "/2.0/repositories/acme/")
WORDS = ("order", "invoice", "customer", "ledger", "report", "batch", "queue", "cache",
         "metric", "audit", "session", "record", "export", "import", "schedule", "window")


def _word(rng: random.Random) -> str:
    return rng.choice(WORDS)


def _go(rng: random.Random, index: int, atlassian: bool) -> str:
    out = [f"package svc{index % 7}", "", "import (", '\t"encoding/json"', '\t"fmt"',
           '\t"net/http"', '\t"strings"', ")", "",
           f'const baseURL = "https://acme{index}.atlassian.net"' if atlassian
           else f'const baseURL = "https://internal{index}.example.com"', "",
           "type Client struct {", "\tHTTP  *http.Client", "\tToken string", "\tBase  string", "}", ""]
    for n in range(14):
        word = _word(rng)
        out += [f"// {word.title()}{n} loads one {word} and checks it.",
                f"func (c *Client) {word.title()}{n}(id string, limit int) (map[string]any, error) {{",
                f'\tpath := c.Base + "/v1/{word}s/" + id',
                "\tvalues := map[string]string{",
                f'\t\t"limit": fmt.Sprintf("%d", limit), "kind": "{word}", "id": id,',
                "\t}",
                "\tparts := []string{}",
                "\tfor key, value := range values {",
                '\t\tparts = append(parts, key+"="+value)',
                "\t}",
                '\tquery := strings.Join(parts, "&")',
                "\tif limit > 100 {",
                f'\t\treturn nil, fmt.Errorf("{word}: limit %d too large", limit)',
                "\t}"]
        if atlassian and n % 3 == 0:
            api = rng.choice(PATHS)
            out += [f'\treq, err := http.NewRequest("GET", baseURL+"{api}"+id, nil)',
                    "\tif err != nil {", "\t\treturn nil, err", "\t}",
                    '\treq.Header.Set("Authorization", "Bearer "+c.Token)',
                    "\tresp, err := c.HTTP.Do(req)"]
        else:
            out += ['\treq, err := http.NewRequest("GET", path+"?"+query, nil)',
                    "\tif err != nil {", "\t\treturn nil, err", "\t}",
                    "\tresp, err := c.HTTP.Do(req)"]
        out += ["\tif err != nil {", "\t\treturn nil, err", "\t}", "\tdefer resp.Body.Close()",
                "\tresult := map[string]any{}",
                "\tif err := json.NewDecoder(resp.Body).Decode(&result); err != nil {",
                "\t\treturn nil, err", "\t}",
                "\tfunc() {", f'\t\tresult["{word}"] = strings.ToUpper(id) + "-" + query', "\t}()",
                "\treturn result, nil", "}", ""]
    return "\n".join(out) + "\n"


def _java(rng: random.Random, index: int, atlassian: bool) -> str:
    host = f"https://acme{index}.atlassian.net" if atlassian else f"https://internal{index}.example.com"
    out = [f"package com.acme.svc{index % 7};", "",
           "import java.net.URI;", "import java.net.http.HttpClient;",
           "import java.net.http.HttpRequest;", "import java.net.http.HttpResponse;",
           "import java.util.HashMap;", "import java.util.List;", "import java.util.Map;", "",
           f"public class Service{index} {{",
           f'    private static final String BASE = "{host}";',
           "    private final HttpClient client = HttpClient.newHttpClient();",
           "    private final String token;", "",
           f"    public Service{index}(String token) {{", "        this.token = token;", "    }", ""]
    for n in range(12):
        word = _word(rng)
        api = rng.choice(PATHS) if atlassian and n % 3 == 0 else f"/v1/{word}s/"
        out += [f"    /** Loads one {word}. */",
                f"    public String {word}{n}(String id, int limit) throws Exception {{",
                "        Map<String, String> params = new HashMap<>();",
                '        params.put("limit", String.valueOf(limit));',
                f'        params.put("kind", "{word}");',
                "        StringBuilder query = new StringBuilder();",
                "        for (Map.Entry<String, String> e : params.entrySet()) {",
                '            query.append(e.getKey()).append("=").append(e.getValue()).append("&");',
                "        }",
                "        if (limit > 100) {",
                f'            throw new IllegalArgumentException("{word}: limit " + limit + " too large");',
                "        }",
                "        List<String> parts = List.of(id, String.valueOf(limit));",
                "        parts.forEach(p -> System.out.println(p.trim()));",
                "        HttpRequest request = HttpRequest.newBuilder()",
                f'            .uri(URI.create(BASE + "{api}" + id))',
                '            .header("Authorization", "Bearer " + token)',
                "            .GET()",
                "            .build();",
                "        HttpResponse<String> response =",
                "            client.send(request, HttpResponse.BodyHandlers.ofString());",
                "        if (response.statusCode() >= 400) {",
                "            throw new IllegalStateException(",
                f'                String.format("{word} %s: %d", id, response.statusCode()));',
                "        }",
                "        return response.body();",
                "    }", ""]
    out.append("}")
    return "\n".join(out) + "\n"


def _kotlin(rng: random.Random, index: int, atlassian: bool) -> str:
    host = f"https://acme{index}.atlassian.net" if atlassian else f"https://internal{index}.example.com"
    out = [f"package com.acme.svc{index % 7}", "",
           "import okhttp3.OkHttpClient", "import okhttp3.Request", "",
           f'private const val BASE = "{host}"', "",
           f"class Service{index}(private val token: String) {{",
           "    private val client = OkHttpClient()", ""]
    for n in range(14):
        word = _word(rng)
        api = rng.choice(PATHS) if atlassian and n % 3 == 0 else f"/v1/{word}s/"
        out += [f"    /** Loads one {word}. */",
                f"    fun {word}{n}(id: String, limit: Int): String? {{",
                f'        val params = mapOf("limit" to limit.toString(), "kind" to "{word}")',
                '        val query = params.entries.joinToString("&") { "${it.key}=${it.value}" }',
                "        if (limit > 100) {",
                f'            throw IllegalArgumentException("{word}: limit $limit too large")',
                "        }",
                "        val ids = listOf(id, limit.toString()).filter { it.isNotBlank() }",
                "        ids.forEach { println(it.trim()) }",
                "        val request = Request.Builder()",
                f'            .url("$BASE{api}$id?$query")',
                '            .header("Authorization", "Bearer $token")',
                "            .build()",
                "        client.newCall(request).execute().use { response ->",
                "            if (!response.isSuccessful) {",
                f'                error("{word} $id: ${{response.code}}")',
                "            }",
                "            return response.body?.string()",
                "        }",
                "    }", ""]
    out.append("}")
    return "\n".join(out) + "\n"


def _php(rng: random.Random, index: int, atlassian: bool) -> str:
    host = f"https://acme{index}.atlassian.net" if atlassian else f"https://internal{index}.example.com"
    out = ["<?php", "", f"namespace Acme\\Svc{index % 7};", "", "use GuzzleHttp\\Client;", "",
           f"class Service{index}", "{", f"    private const BASE = '{host}';",
           "    private Client $client;", "", "    public function __construct(private string $token)",
           "    {", "        $this->client = new Client(['timeout' => 10]);", "    }", ""]
    for n in range(14):
        word = _word(rng)
        api = rng.choice(PATHS) if atlassian and n % 3 == 0 else f"/v1/{word}s/"
        out += [f"    /** Loads one {word}. */",
                f"    public function {word}{n}(string $id, int $limit): array",
                "    {",
                f"        $params = ['limit' => $limit, 'kind' => '{word}'];",
                "        $parts = [];",
                "        foreach ($params as $key => $value) {",
                "            $parts[] = $key . '=' . $value;",
                "        }",
                "        if ($limit > 100) {",
                f'            throw new \\InvalidArgumentException("{word}: limit $limit too large");',
                "        }",
                "        $ids = array_filter([$id, (string) $limit], fn ($p) => trim($p) !== '');",
                f"        $response = $this->client->request('GET', self::BASE . '{api}' . $id, [",
                "            'headers' => ['Authorization' => \"Bearer {$this->token}\"],",
                "            'query' => implode('&', $parts),",
                "        ]);",
                "        if ($response->getStatusCode() >= 400) {",
                f'            throw new \\RuntimeException(sprintf("{word} %s: %d", $id, count($ids)));',
                "        }",
                "        return json_decode((string) $response->getBody(), true);",
                "    }", ""]
    out.append("}")
    return "\n".join(out) + "\n"


GENERATORS: dict[str, Callable[[random.Random, int, bool], str]] = {
    "go": _go, "java": _java, "kotlin": _kotlin, "php": _php}


def source(language: str, index: int, seed: int = 19) -> tuple[str, str]:
    """(file name, text) of generated file ``index`` of ``language``; one in three calls an
    Atlassian API."""
    rng = random.Random(f"{seed}-{language}-{index}")
    name = f"{language}{index:03d}{SUFFIXES[language]}"
    if language == "java":
        name = f"Service{index}.java"
    return name, GENERATORS[language](rng, index, index % 3 == 0)


def generate(out: Path = OUT, files: int = 200) -> dict[str, list[Path]]:
    """Write ``files`` files per language under ``out/<language>/``; the paths by language."""
    written: dict[str, list[Path]] = {}
    for language in GENERATORS:
        folder = out / language
        folder.mkdir(parents=True, exist_ok=True)
        paths = written[language] = []
        for index in range(files):
            name, text = source(language, index)
            path = folder / name
            if not path.exists() or path.read_text() != text:
                path.write_text(text)
            paths.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200, help="files per language")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    for language, paths in generate(args.out, args.files).items():
        lines = sum(len(p.read_text().splitlines()) for p in paths)
        print(f"{language}: {len(paths)} files, {lines} lines under {args.out / language}")


if __name__ == "__main__":
    main()
