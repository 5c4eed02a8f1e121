package com.acme.jira.retrofit;

import com.acme.jira.JiraConstants;

import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

public final class RetrofitFactory {
    private RetrofitFactory() {
    }

    public static JiraService create(String email, String token) {
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("Authorization", Credentials.basic(email, token)).build()))
                .build();
        return new Retrofit.Builder()
                .baseUrl(JiraConstants.BASE_URL + "/")
                .client(client)
                .addConverterFactory(JacksonConverterFactory.create())
                .build()
                .create(JiraService.class);
    }
}
