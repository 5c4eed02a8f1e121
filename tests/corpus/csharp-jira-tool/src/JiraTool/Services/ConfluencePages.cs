using RestSharp;
using RestSharp.Authenticators;

namespace JiraTool.Services;

public class ConfluencePages
{
    private readonly RestClient _client;

    public ConfluencePages(IConfiguration config, string accessToken)
    {
        var cloudId = config["Confluence:CloudId"];
        var options = new RestClientOptions($"https://api.atlassian.com/ex/confluence/{cloudId}")
        {
            Authenticator = new JwtAuthenticator(accessToken),
        };
        _client = new RestClient(options);
    }

    public async Task<string?> BodyAsync(string pageId)
    {
        var request = new RestRequest("wiki/api/v2/pages/{id}", Method.Get)
            .AddUrlSegment("id", pageId)
            .AddQueryParameter("body-format", "storage");
        var response = await _client.ExecuteAsync(request);
        return response.Content;
    }

    public async Task<bool> RenameAsync(string pageId, string title, int nextVersion)
    {
        var request = new RestRequest($"wiki/api/v2/pages/{pageId}", Method.Put)
            .AddJsonBody(new { id = pageId, status = "current", title, version = new { number = nextVersion } });
        var response = await _client.ExecuteAsync(request);
        return response.IsSuccessful;
    }
}
