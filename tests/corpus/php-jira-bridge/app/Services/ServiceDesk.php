<?php

namespace App\Services;

use Illuminate\Support\Facades\Http;

class ServiceDesk
{
    private function client()
    {
        return Http::withBasicAuth(config('services.jira.email'), config('services.jira.token'))
            ->acceptJson()
            ->timeout(15);
    }

    public function myRequests(string $customerAccountId): array
    {
        $base = config('services.jira.url');
        return $this->client()
            ->get($base . '/rest/servicedeskapi/request', ['requestOwnership' => 'OWNED_REQUESTS', 'limit' => 50])
            ->throw()
            ->json('values');
    }

    public function fileRequest(string $summary, string $description, string $customerAccountId): string
    {
        $response = $this->client()->post(config('services.jira.url') . '/rest/servicedeskapi/request', [
            'serviceDeskId' => config('services.jira.service_desk_id'),
            'requestTypeId' => '25',
            'raiseOnBehalfOf' => $customerAccountId,
            'requestFieldValues' => ['summary' => $summary, 'description' => $description],
        ]);
        return $response->throw()->json('issueKey');
    }
}
