<?php

namespace Acme\JiraBridge;

use GuzzleHttp\Client;
use GuzzleHttp\Exception\RequestException;

final class JiraClient
{
    private Client $http;

    public function __construct(string $site, string $email, string $token)
    {
        $this->http = new Client([
            'base_uri' => rtrim($site, '/') . '/rest/api/3/',
            'auth' => [$email, $token],
            'timeout' => 20,
            'headers' => ['Accept' => 'application/json'],
        ]);
    }

    public function issue(string $key): array
    {
        $res = $this->http->request('GET', "issue/{$key}", ['query' => ['fields' => 'summary,status']]);
        return json_decode((string) $res->getBody(), true);
    }

    public function transition(string $key, string $transitionId): void
    {
        try {
            $this->http->post("issue/{$key}/transitions", ['json' => ['transition' => ['id' => $transitionId]]]);
        } catch (RequestException $e) {
            error_log("transition of {$key} failed: " . $e->getMessage());
            throw $e;
        }
    }

    public function projects(): array
    {
        $res = $this->http->get('project/search', ['query' => ['maxResults' => 50]]);
        return json_decode((string) $res->getBody(), true)['values'];
    }
}
