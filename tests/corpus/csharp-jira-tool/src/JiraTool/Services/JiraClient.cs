using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace JiraTool.Services;

public class JiraClient
{
    private readonly HttpClient _http;
    private readonly ILogger<JiraClient> _log;

    public JiraClient(HttpClient http, IOptions<JiraOptions> options, ILogger<JiraClient> log)
    {
        _http = http;
        _log = log;
        var o = options.Value;
        _http.BaseAddress = new Uri(o.BaseUrl.TrimEnd('/') + "/rest/api/3/");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.Email}:{o.ApiToken}"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
    }

    public async Task<JsonDocument> GetIssueAsync(string key)
    {
        using var response = await _http.GetAsync($"issue/{key}?fields=summary,status");
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    public async Task AddCommentAsync(string key, string text)
    {
        var adf = new { body = new { type = "doc", version = 1, content = new[] { new { type = "paragraph", content = new[] { new { type = "text", text } } } } } };
        var content = new StringContent(JsonSerializer.Serialize(adf), Encoding.UTF8, "application/json");
        var response = await _http.PostAsync($"issue/{key}/comment", content);
        if (!response.IsSuccessStatusCode)
        {
            _log.LogWarning("comment on {Key} failed: {Status}", key, response.StatusCode);
        }
    }

    public async Task AssignAsync(string key, string? accountId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"issue/{key}/assignee")
        {
            Content = JsonContent.Create(new { accountId }),
        };
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async Task DeleteIssueAsync(string key)
    {
        var response = await _http.DeleteAsync($"issue/{Uri.EscapeDataString(key)}?deleteSubtasks=true");
        response.EnsureSuccessStatusCode();
    }
}
