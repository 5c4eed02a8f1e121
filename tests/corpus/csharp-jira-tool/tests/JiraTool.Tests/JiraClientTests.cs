using JiraTool.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using Xunit;

public class JiraClientTests
{
    [Fact]
    public async Task ReadsTheIssue()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("https://acme.atlassian.net/rest/api/3/issue/OPS-1*").Respond("application/json", "{\"key\":\"OPS-1\",\"fields\":{}}");
        var client = new JiraClient(mock.ToHttpClient(), Options.Create(new JiraOptions { BaseUrl = "https://acme.atlassian.net" }), NullLogger<JiraClient>.Instance);
        var issue = await client.GetIssueAsync("OPS-1");
        Assert.Equal("OPS-1", issue.RootElement.GetProperty("key").GetString());
    }
}
