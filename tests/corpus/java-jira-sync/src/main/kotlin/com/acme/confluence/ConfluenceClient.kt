package com.acme.confluence

import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody

class ConfluenceClient(cloudId: String, private val token: String) {
    private val http = OkHttpClient()
    private val base = "https://api.atlassian.com/ex/confluence/$cloudId/wiki/api/v2"
    private val json = "application/json".toMediaType()

    fun page(id: String): String {
        val request = Request.Builder()
            .url("$base/pages/$id?body-format=storage")
            .header("Authorization", "Bearer $token")
            .build()
        http.newCall(request).execute().use { return it.body!!.string() }
    }

    fun addFooterComment(pageId: String, html: String) {
        val body = """{"pageId":"$pageId","body":{"representation":"storage","value":"$html"}}""".toRequestBody(json)
        val request = Request.Builder()
            .url("$base/footer-comments")
            .header("Authorization", "Bearer $token")
            .post(body)
            .build()
        http.newCall(request).execute().close()
    }
}
