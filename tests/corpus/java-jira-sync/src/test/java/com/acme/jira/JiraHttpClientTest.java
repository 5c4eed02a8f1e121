package com.acme.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.junit5.WireMockTest;

@WireMockTest(httpPort = 8089)
class JiraHttpClientTest {
    @Test
    void readsAnIssue(com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo wm) {
        wm.getWireMock().register(get(urlEqualTo("/rest/api/3/issue/OPS-1"))
                .willReturn(okJson("{\"key\":\"OPS-1\",\"self\":\"https://acme.atlassian.net/rest/api/3/issue/10001\"}")));
    }
}
