[CmdletBinding(SupportsShouldProcess)]
param([Parameter(Mandatory)][string]$CsvPath)

Import-Module "$PSScriptRoot/JiraAdmin.psm1" -Force
$config = Import-PowerShellDataFile "$PSScriptRoot/config.psd1"

foreach ($row in Import-Csv $CsvPath) {
    if ($PSCmdlet.ShouldProcess($row.Name, "remove from $($config.AdminGroup)")) {
        try {
            Invoke-JiraApi -Path "/rest/api/3/group/user?groupname=$($config.AdminGroup)&accountId=$($row.AccountId)" -Method Delete
            Write-Host "removed $($row.Name)"
        }
        catch {
            Write-Warning "could not remove $($row.Name): $($_.Exception.Message)"
        }
    }
}
