<?php

return [
    'jira' => [
        'url' => env('JIRA_URL', 'https://acme.atlassian.net'),
        'email' => env('JIRA_EMAIL'),
        'token' => env('JIRA_API_TOKEN'),
        'service_desk_id' => env('JIRA_SERVICE_DESK_ID', '4'),
    ],
];
