package com.acme.jira.spring;

import static com.acme.jira.JiraConstants.AGILE;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

@Service
public class JiraRestService {
    private final RestTemplate rest;
    private final WebClient webClient;

    @Value("${jira.base-url}")
    private String baseUrl;

    public JiraRestService(RestTemplate rest, WebClient webClient) {
        this.rest = rest;
        this.webClient = webClient;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> myself() {
        return rest.getForObject(baseUrl + "/rest/api/3/myself", Map.class);
    }

    public void setPriority(String key, String priorityId) {
        Map<String, Object> body = Map.of("fields", Map.of("priority", Map.of("id", priorityId)));
        rest.exchange(baseUrl + "/rest/api/3/issue/{key}", HttpMethod.PUT, new HttpEntity<>(body), Void.class, key);
    }

    public Mono<String> activeSprints(long boardId) {
        return webClient.method(HttpMethod.GET)
                .uri(baseUrl + AGILE + "/board/{id}/sprint?state=active", boardId)
                .retrieve()
                .bodyToMono(String.class);
    }
}
