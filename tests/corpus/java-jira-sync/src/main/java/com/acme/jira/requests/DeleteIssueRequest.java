package com.acme.jira.requests;

public class DeleteIssueRequest extends JiraRequest {
    private static final String ROUTE = "/issue/";

    public DeleteIssueRequest(String key, boolean withSubtasks) {
        baseUrl += ROUTE + key + "?deleteSubtasks=" + withSubtasks;
    }

    @Override
    protected String method() {
        return "DELETE";
    }
}
