package com.acme.jira;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.acme.jira.requests.DeleteIssueRequest;
import com.acme.jira.retrofit.JiraService;
import com.acme.jira.retrofit.RetrofitFactory;

public class SyncJob {
    private final JiraHttpClient jira;
    private final JiraService retrofit;

    public SyncJob(String email, String token) {
        this.jira = new JiraHttpClient(email, token);
        this.retrofit = RetrofitFactory.create(email, token);
    }

    public void resolveDuplicates(List<String> keys) throws IOException, InterruptedException {
        for (String key : keys) {
            Map<String, Object> issue = retrofit.getIssue(key).execute().body();
            if (issue != null && "Duplicate".equals(issue.get("resolution"))) {
                int status = new DeleteIssueRequest(key, true).execute(jira.http(), jira.auth());
                System.out.printf("deleted %s (%d)%n", key, status);
            } else {
                retrofit.transition(key, Map.of("transition", Map.of("id", "31"))).execute();
            }
        }
    }
}
