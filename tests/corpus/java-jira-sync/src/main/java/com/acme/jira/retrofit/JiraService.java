package com.acme.jira.retrofit;

import java.util.Map;

import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

public interface JiraService {
    @GET("rest/api/3/issue/{key}")
    Call<Map<String, Object>> getIssue(@Path("key") String key);

    @POST("rest/api/3/issue/{key}/transitions")
    Call<Void> transition(@Path("key") String key, @Body Map<String, Object> body);

    @GET("rest/api/3/project/search")
    Call<Map<String, Object>> projects(@Query("startAt") int startAt, @Query("maxResults") int maxResults);
}
