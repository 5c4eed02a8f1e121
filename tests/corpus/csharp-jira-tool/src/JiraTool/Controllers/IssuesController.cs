using JiraTool.Services;
using Microsoft.AspNetCore.Mvc;

namespace JiraTool.Controllers;

[ApiController]
[Route("api/[controller]")]
public class IssuesController : ControllerBase
{
    private readonly JiraClient _jira;

    public IssuesController(JiraClient jira) => _jira = jira;

    [HttpGet("{key}")]
    public async Task<IActionResult> Get(string key)
    {
        var issue = await _jira.GetIssueAsync(key);
        return Ok(issue.RootElement.GetProperty("fields"));
    }

    [HttpPost("{key}/comments")]
    public async Task<IActionResult> Comment(string key, [FromBody] string text)
    {
        await _jira.AddCommentAsync(key, text);
        return Accepted();
    }

    [HttpDelete("{key}")]
    public async Task<IActionResult> Delete(string key)
    {
        await _jira.DeleteIssueAsync(key);
        return NoContent();
    }
}
