package com.acme.jira;

import java.io.IOException;

import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

public class OkHttpCommenter {
    private static final MediaType JSON = MediaType.get("application/json");
    private final OkHttpClient client = new OkHttpClient();
    private final String credentials;

    public OkHttpCommenter(String email, String token) {
        this.credentials = Credentials.basic(email, token);
    }

    public void comment(String key, String adfJson) throws IOException {
        Request request = new Request.Builder()
                .url(JiraConstants.API + "/issue/" + key + "/comment")
                .header("Authorization", credentials)
                .post(RequestBody.create(adfJson, JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("comment on " + key + " failed: " + response.code());
            }
        }
    }
}
