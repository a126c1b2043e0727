using VoipProviders.Web.Auth;

namespace VoipProviders.Web;

/// <summary>
/// <c>dev-token [--org ORG] [--hours N]</c>: prints a bearer token signed with the configured <c>Auth:SigningKey</c>.
/// </summary>
internal static class DevTokenCommand
{
    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var organizationId = builder.Configuration["org"] ?? "org_dev";
        var hours = int.TryParse(builder.Configuration["hours"], out var parsed) && parsed > 0 ? parsed : 12;
        Console.WriteLine(DevTokenIssuer.Issue(settings, organizationId, TimeSpan.FromHours(hours), TimeProvider.System));
        return 0;
    }
}
