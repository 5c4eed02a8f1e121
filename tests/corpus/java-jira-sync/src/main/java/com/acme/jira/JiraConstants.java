package com.acme.jira;

public final class JiraConstants {
    public static final String BASE_URL = "https://acme.atlassian.net";
    public static final String API = BASE_URL + "/rest/api/3";
    public static final String AGILE = "/rest/agile/1.0";

    private JiraConstants() {
    }
}
