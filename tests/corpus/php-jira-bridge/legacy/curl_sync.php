<?php
// Adds a remote link to the CRM account on each issue of the CRM-LINKS filter (2019, still running).
require __DIR__ . '/config.php';

function jira_get_links($key)
{
    $ch = curl_init();
    curl_setopt($ch, CURLOPT_URL, JIRA_URL . '/rest/api/2/issue/' . $key . '/remotelink');
    curl_setopt($ch, CURLOPT_USERPWD, JIRA_USER . ':' . JIRA_TOKEN);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $out = curl_exec($ch);
    curl_close($ch);
    return json_decode($out, true);
}

function jira_add_link($key, $url, $title)
{
    $ch = curl_init();
    curl_setopt($ch, CURLOPT_URL, JIRA_URL . '/rest/api/2/issue/' . $key . '/remotelink');
    curl_setopt($ch, CURLOPT_CUSTOMREQUEST, 'POST');
    curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode(['object' => ['url' => $url, 'title' => $title]]));
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Content-Type: application/json']);
    curl_setopt($ch, CURLOPT_USERPWD, JIRA_USER . ':' . JIRA_TOKEN);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $out = curl_exec($ch);
    $status = curl_getinfo($ch, CURLINFO_HTTP_CODE);
    curl_close($ch);
    if ($status >= 300) {
        fwrite(STDERR, "link on $key failed: $status $out\n");
    }
}

foreach (file('php://stdin', FILE_IGNORE_NEW_LINES) as $line) {
    [$key, $account] = explode(',', $line);
    $existing = array_column(jira_get_links($key), 'object');
    if (!in_array("https://crm.example.com/accounts/$account", array_column($existing, 'url'))) {
        jira_add_link($key, "https://crm.example.com/accounts/$account", "CRM account $account");
    }
}
