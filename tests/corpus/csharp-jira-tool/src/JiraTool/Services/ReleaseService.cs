using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace JiraTool.Services;

public class ReleaseService
{
    private const string SearchPath = @"/rest/api/3/search/jql";
    private readonly HttpClient _http;
    private readonly JiraOptions _options;

    public ReleaseService(IHttpClientFactory factory, IOptions<JiraOptions> options)
    {
        _http = factory.CreateClient("jira");
        _options = options.Value;
    }

    public async Task<string> VersionsAsync(string projectKey)
    {
        var url = _options.BaseUrl +
                  "/rest/api/3/project/" +
                  projectKey + "/versions";
        using var response = await _http.GetAsync(url);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<string> UnreleasedWorkAsync(string projectKey, string version)
    {
        var payload = JsonSerializer.Serialize(new { jql = $"project = {projectKey} AND fixVersion = \"{version}\" AND statusCategory != Done", fields = new[] { "summary" } });
        using var response = await _http.PostAsync(_options.BaseUrl + SearchPath, new StringContent(payload, Encoding.UTF8, "application/json"));
        return await response.Content.ReadAsStringAsync();
    }
}
