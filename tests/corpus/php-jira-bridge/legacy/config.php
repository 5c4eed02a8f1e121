<?php
define('JIRA_URL', 'https://acme.atlassian.net');
define('JIRA_USER', getenv('JIRA_USER'));
define('JIRA_TOKEN', getenv('JIRA_TOKEN'));
