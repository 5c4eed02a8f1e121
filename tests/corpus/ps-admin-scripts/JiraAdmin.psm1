# Shared helpers for the admin scripts.
$script:BaseUrl = 'https://acme.atlassian.net/'

function Get-AuthHeader {
    $pair = "{0}:{1}" -f $env:ATLASSIAN_EMAIL, $env:ATLASSIAN_API_TOKEN
    $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($pair))
    @{ Authorization = "Basic $basic"; Accept = 'application/json' }
}

function Invoke-JiraApi {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$Path,
        [Microsoft.PowerShell.Commands.WebRequestMethod]$Method = 'Get',
        [object]$Body
    )
    $params = @{
        Uri         = "$script:BaseUrl$Path"
        Method      = $Method
        Headers     = Get-AuthHeader
        ContentType = 'application/json'
    }
    if ($null -ne $Body) {
        $params.Body = $Body | ConvertTo-Json -Depth 10
    }
    Write-Verbose "$Method $($params.Uri)"
    Invoke-RestMethod @params
}

function Invoke-ConfluenceApi {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$Path,
        [Microsoft.PowerShell.Commands.WebRequestMethod]$Method = 'Get',
        [object]$Body
    )
    $uri = $script:BaseUrl + 'wiki/rest/api' + $Path
    if ($null -ne $Body) {
        Invoke-RestMethod -Uri $uri -Method $Method -Headers (Get-AuthHeader) -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 20)
    }
    else {
        Invoke-RestMethod -Uri $uri -Method $Method -Headers (Get-AuthHeader)
    }
}

Export-ModuleMember -Function Get-AuthHeader, Invoke-JiraApi, Invoke-ConfluenceApi
