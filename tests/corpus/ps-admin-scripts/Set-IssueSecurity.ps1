param(
    [Parameter(Mandatory)][string]$IssueKey,
    [ValidateSet('public', 'internal', 'restricted')][string]$Level = 'internal'
)

Import-Module "$PSScriptRoot/JiraAdmin.psm1" -Force
$config = Import-PowerShellDataFile "$PSScriptRoot/config.psd1"

switch ($Level) {
    'public' {
        Invoke-JiraApi -Path "/rest/api/3/issue/$IssueKey" -Method Put -Body @{ fields = @{ security = $null } }
    }
    'internal' {
        Invoke-JiraApi -Path "/rest/api/3/issue/$IssueKey" -Method Put -Body @{ fields = @{ security = @{ id = '10000' } } }
    }
    'restricted' {
        $schemes = Invoke-JiraApi -Path '/rest/api/3/issuesecurityschemes'
        Write-Verbose "security schemes: $($schemes.issueSecuritySchemes.name -join ', ')"
        Invoke-JiraApi -Path "/rest/api/3/issue/$IssueKey" -Method Put -Body @{ fields = @{ security = @{ id = $config.RestrictedLevel } } }
        $watchers = Invoke-JiraApi -Path "/rest/api/3/issue/$IssueKey/watchers"
        foreach ($w in $watchers.watchers | Where-Object { $_.accountType -ne 'atlassian' }) {
            Invoke-JiraApi -Path "/rest/api/3/issue/$IssueKey/watchers?accountId=$($w.accountId)" -Method Delete
        }
    }
}
