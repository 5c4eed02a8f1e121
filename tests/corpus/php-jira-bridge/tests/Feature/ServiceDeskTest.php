<?php

namespace Tests\Feature;

use App\Services\ServiceDesk;
use Illuminate\Support\Facades\Http;
use Tests\TestCase;

class ServiceDeskTest extends TestCase
{
    public function test_files_a_request_on_behalf_of_the_customer(): void
    {
        Http::fake(['acme.atlassian.net/rest/servicedeskapi/request' => Http::response(['issueKey' => 'HELP-9'], 201)]);
        $this->assertSame('HELP-9', app(ServiceDesk::class)->fileRequest('Printer', 'On fire', 'abc'));
        Http::assertSent(fn ($request) => $request['raiseOnBehalfOf'] === 'abc');
    }
}
