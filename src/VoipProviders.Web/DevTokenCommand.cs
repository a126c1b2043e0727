using System.Globalization;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Calling;

namespace VoipProviders.Web;

/// <summary>
/// <c>dev-token [--org ORG] [--hours N] [--service]</c>: prints a bearer token signed with the configured
/// <c>Auth:SigningKey</c> — a tenant's, or with <c>--service</c> a service token of the internal API.
/// Only in the Development environment, and for at most <see cref="DevTokenIssuer.MaxLifetime"/>.
/// </summary>
internal static class DevTokenCommand
{
    private const int DefaultHours = 12;

    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(WithFlagValues(args));
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
        var service = builder.Configuration["service"] is { } serviceFlag && !string.Equals(serviceFlag, "false", StringComparison.OrdinalIgnoreCase);
        var internalApi = builder.Configuration.GetSection(InternalApiOptions.SectionName).Get<InternalApiOptions>() ?? new InternalApiOptions();
        try
        {
            Console.WriteLine(service
                ? DevTokenIssuer.IssueService(settings, internalApi.Audience, TimeSpan.FromHours(hours), TimeProvider.System)
                : DevTokenIssuer.Issue(settings, organizationId, TimeSpan.FromHours(hours), TimeProvider.System));
            return 0;
        }
        catch (InvalidOperationException exception)
        {
            return Fail(exception.Message);
        }
    }

    /// <summary>A bare <c>--service</c> means <c>--service true</c> (the command line settings need a value).</summary>
    private static string[] WithFlagValues(string[] args)
    {
        var result = new List<string>(args.Length + 1);
        for (var index = 0; index < args.Length; index++)
        {
            result.Add(args[index]);
            var isLast = index == args.Length - 1;
            if (args[index] == "--service" && (isLast || args[index + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                result.Add("true");
            }
        }

        return [.. result];
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
