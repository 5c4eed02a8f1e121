"""Java and Kotlin: Atlassian REST calls made with java.net.http, OkHttp, Spring RestTemplate /
WebClient, Unirest, Apache HttpClient, ktor and Retrofit interfaces (tree-sitter-java,
tree-sitter-kotlin)."""

from scopelint.scanning.languages.jvm.extractor import extract

__all__ = ["extract"]
