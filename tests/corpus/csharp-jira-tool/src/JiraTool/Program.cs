using JiraTool.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<JiraOptions>(builder.Configuration.GetSection("Jira"));
builder.Services.AddHttpClient<JiraClient>();
builder.Services.AddHttpClient("jira");
builder.Services.AddSingleton<ReleaseService>();
builder.Services.AddControllers();

var app = builder.Build();
app.MapControllers();
app.MapGet("/healthz", () => "ok");
app.Run();
