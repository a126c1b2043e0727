using System.Globalization;
using VoipProviders.Web.Auth;

namespace VoipProviders.Web;

/// <summary>
/// <c>dev-token [--org ORG] [--hours N]</c>: prints a bearer token signed with the configured <c>Auth:SigningKey</c>.
/// Only in the Development environment, and for at most <see cref="DevTokenIssuer.MaxLifetime"/>.
/// </summary>
internal static class DevTokenCommand
{
    private const int DefaultHours = 12;

    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (!builder.Environment.IsDevelopment())
        {
            return Fail(
                $"dev-token only works in the Development environment (this is {builder.Environment.EnvironmentName}); " +
                "outside it, tokens come from your identity provider (Auth:Authority).");
        }

        var maxHours = (int)DevTokenIssuer.MaxLifetime.TotalHours;
        var hoursSetting = builder.Configuration["hours"];
        var hours = DefaultHours;
        if (hoursSetting is not null
            && (!int.TryParse(hoursSetting, NumberStyles.None, CultureInfo.InvariantCulture, out hours) || hours < 1 || hours > maxHours))
        {
            return Fail($"--hours must be a whole number from 1 to {maxHours}; a development token lives at most {maxHours} hours.");
        }

        var settings = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var organizationId = builder.Configuration["org"] ?? "org_dev";
        try
        {
            Console.WriteLine(DevTokenIssuer.Issue(settings, organizationId, TimeSpan.FromHours(hours), TimeProvider.System));
            return 0;
        }
        catch (InvalidOperationException exception)
        {
            return Fail(exception.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
