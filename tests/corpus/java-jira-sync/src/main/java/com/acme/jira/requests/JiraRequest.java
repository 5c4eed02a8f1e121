package com.acme.jira.requests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

import com.acme.jira.JiraConstants;

/** A request object: subclasses extend baseUrl and choose the method. */
public abstract class JiraRequest {
    protected String baseUrl = JiraConstants.API;

    protected abstract String method();

    public int execute(HttpClient http, String auth) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl))
                .header("Authorization", auth)
                .method(method(), HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, BodyHandlers.discarding()).statusCode();
    }
}
