# Replaces the body of a Confluence page with an HTML file (storage format). Saved as UTF-8 with BOM.
param(
    [Parameter(Mandatory)][string]$PageId,
    [Parameter(Mandatory)][string]$Html
)

Import-Module "$PSScriptRoot/JiraAdmin.psm1" -Force
$Config = Import-PowerShellDataFile "$PSScriptRoot/config.psd1"
$headers = Get-AuthHeader

$page = Invoke-ConfluenceApi -Path "/content/${PageId}?expand=version"
Write-Host "Updating '$($page.title)' (version $($page.version.number))"

$Params = @{
    Uri         = "$($Config.ConfluenceBase)/wiki/api/v2/pages/$PageId"
    Method      = 'Put'
    Headers     = $headers
    ContentType = 'application/json; charset=utf-8'
    Body        = @{
        id      = $PageId
        status  = 'current'
        title   = $page.title
        body    = @{ representation = 'storage'; value = (Get-Content $Html -Raw) }
        version = @{ number = $page.version.number + 1; message = 'Updated by Update-ConfluencePage.ps1' }
    } | ConvertTo-Json -Depth 5
}
Invoke-RestMethod @Params

# the old v1 way, kept for pages the v2 API refuses:
# Invoke-ConfluenceApi -Path "/content/$PageId" -Method Put -Body $legacyBody
