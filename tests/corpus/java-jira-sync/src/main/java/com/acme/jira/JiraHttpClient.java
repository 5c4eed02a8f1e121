package com.acme.jira;

import static com.acme.jira.JiraConstants.API;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Base64;

public class JiraHttpClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String auth;

    public JiraHttpClient(String email, String token) {
        this.auth = "Basic " + Base64.getEncoder().encodeToString((email + ":" + token).getBytes());
    }

    public String getIssue(String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder()
                .uri(URI.create(API + "/issue/" + key))
                .header("Authorization", auth)
                .GET()
                .build();
        return http.send(request, BodyHandlers.ofString()).body();
    }

    public void addLabel(String key, String label) throws IOException, InterruptedException {
        String body = String.format("{\"update\":{\"labels\":[{\"add\":\"%s\"}]}}", label);
        HttpRequest request = HttpRequest.newBuilder()
                .uri(URI.create(String.format("%s/issue/%s", API, key)))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .method("PUT", BodyPublishers.ofString(body))
                .build();
        http.send(request, BodyHandlers.discarding());
    }

    public String createIssue(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(API + "/issue"))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json))
                .build();
        return http.send(request, BodyHandlers.ofString()).body();
    }

    public HttpClient http() {
        return http;
    }

    public String auth() {
        return auth;
    }
}
