using System;
using RestSharp;
using RestSharp.Authenticators;

// Exports a page's labels and child pages (RestSharp 106 API; Confluence v1 REST).
class Program
{
    static void Main(string[] args)
    {
        var client = new RestClient("https://acme.atlassian.net/wiki")
        {
            Authenticator = new HttpBasicAuthenticator(Environment.GetEnvironmentVariable("CONFLUENCE_EMAIL"),
                                                       Environment.GetEnvironmentVariable("CONFLUENCE_TOKEN")),
        };
        var pageId = args[1];

        var labels = new RestRequest("rest/api/content/" + pageId + "/label", Method.GET);
        Console.WriteLine(client.Execute(labels).Content);

        var children = new RestRequest($"rest/api/content/{pageId}/child/page", Method.GET);
        children.AddParameter("limit", 200);
        var response = client.Execute(children);
        Console.WriteLine(response.Content);
    }
}
