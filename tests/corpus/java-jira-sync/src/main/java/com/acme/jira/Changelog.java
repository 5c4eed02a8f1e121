package com.acme.jira;

import kong.unirest.HttpResponse;
import kong.unirest.JsonNode;
import kong.unirest.Unirest;

public final class Changelog {
    private Changelog() {
    }

    public static JsonNode of(String key, String email, String token) {
        HttpResponse<JsonNode> response = Unirest.get(JiraConstants.API + "/issue/{key}/changelog")
                .routeParam("key", key)
                .basicAuth(email, token)
                .asJson();
        return response.getBody();
    }
}
