using System.Runtime.InteropServices;
using System.Security.Cryptography;
using VoipProviders.TwilioEmulator;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Calling;

namespace VoipProviders.DevHost;

/// <summary>
/// Runs the service locally (see build/run.sh): PostgreSQL, the Twilio emulator with a demo account, and the web host
/// on loopback, then prints how to call it. SIGINT/SIGTERM stop everything.
/// </summary>
internal static class Program
{
    private const string DemoOrganization = "org_demo";
    private const string OtherOrganization = "org_other";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
        DevHostOptions? options = null;
        try
        {
            options = DevHostOptions.Parse(args, Environment.GetEnvironmentVariable);
            return await RunAsync(options, TimeProvider.System, stop.Token);
        }
        catch (Exception exception) when (stop.IsCancellationRequested && exception is OperationCanceledException or DevHostException)
        {
            Console.WriteLine("Stopped.");
            // Stopping the service is an ordinary end; stopping a command before it finished is not its success.
            return options is { Command.Count: > 0 } ? 130 : 0;
        }
        catch (DevHostException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}");
            return 1;
        }

        void RequestStop(PosixSignalContext context)
        {
            context.Cancel = true; // shut down in order instead of dying on the spot
            if (!stop.IsCancellationRequested)
            {
                Console.WriteLine("Stopping...");
                stop.Cancel();
            }
        }
    }

    private static async Task<int> RunAsync(DevHostOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        foreach (var port in options.Ports)
        {
            PortCheck.EnsureFree(port);
        }

        var repositoryRoot = FindRepositoryRoot();

        await using var database = await DevDatabase.StartAsync(options.PostgresConnectionString, cancellationToken);

        await using var emulator = await TwilioEmulatorHost.StartAsync(
            new TwilioEmulatorOptions { Urls = $"http://127.0.0.1:{options.Emulator.Port}" }, cancellationToken);
        var account = emulator.State.AddAccount("VoipProviders demo");
        EmulatedPhoneNumber[] demoNumbers =
        [
            emulator.State.AddIncomingPhoneNumber(account.Sid, "+14155550101", "Front desk"),
            emulator.State.AddIncomingPhoneNumber(account.Sid, "+14155550102", "Sales"),
            emulator.State.AddIncomingPhoneNumber(account.Sid, "+442071838750", "London office"),
        ];

        var auth = new AuthOptions
        {
            Issuer = "voip-providers-dev",
            Audience = "voip-providers",
            SigningKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), // 64 bytes, new every run
        };
        var api = new Uri($"http://127.0.0.1:{options.Api.Port}");
        var emulatorUrl = emulator.BaseAddress.GetLeftPart(UriPartial.Authority);
        Console.WriteLine($"Starting the web host on {api.GetLeftPart(UriPartial.Authority)} (applies migrations)...");
        await using var web = WebHostProcess.Start(repositoryRoot, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = api.GetLeftPart(UriPartial.Authority),
            ["ConnectionStrings__VoipProviders"] = database.ConnectionString,
            ["Database__MigrateOnStartup"] = "true",
            ["Twilio__BaseUrls__api"] = emulatorUrl,
            ["Twilio__BaseUrls__trunking"] = emulatorUrl,
            ["Twilio__BaseUrls__accounts"] = emulatorUrl,
            ["Auth__Authority"] = string.Empty,
            ["Auth__Issuer"] = auth.Issuer,
            ["Auth__Audience"] = auth.Audience,
            ["Auth__SigningKey"] = auth.SigningKey,
            ["InternalApi__Enabled"] = "true",
            ["DOTNET_NOLOGO"] = "1",
        });
        var runsCommand = options.Command.Count > 0;
        await web.WaitUntilReadyAsync(new Uri(api, "/health/ready"), ReadyTimeout, timeProvider, keepQuiet: runsCommand, cancellationToken);

        var bearer = DevTokenIssuer.Issue(auth, DemoOrganization, TokenLifetime, timeProvider);
        var serviceToken = DevTokenIssuer.IssueService(auth, new InternalApiOptions().Audience, TokenLifetime, timeProvider);
        if (runsCommand)
        {
            Console.WriteLine($"Ready; running {string.Join(' ', options.Command)}");
            var commandExitCode = await CommandProcess.RunAsync(options.Command, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["VOIPPROVIDERS_API_URL"] = api.GetLeftPart(UriPartial.Authority),
                ["VOIPPROVIDERS_EMULATOR_URL"] = emulatorUrl,
                ["VOIPPROVIDERS_TOKEN"] = bearer,
                ["VOIPPROVIDERS_ORGANIZATION"] = DemoOrganization,
                ["VOIPPROVIDERS_OTHER_TOKEN"] = DevTokenIssuer.Issue(auth, OtherOrganization, TokenLifetime, timeProvider),
            }, cancellationToken);
            if (commandExitCode != 0)
            {
                await Console.Error.WriteLineAsync($"The command exited with code {commandExitCode}. The web host's last output:\n{web.RecentOutput()}");
            }

            return commandExitCode;
        }

        Console.WriteLine(Banner.Render(new Banner.Facts(
            api, emulator.BaseAddress, database.Description, bearer, serviceToken, DemoOrganization, TokenLifetime, account, [.. demoNumbers.Select(n => n.Sid)])));

        var exitCode = await web.WaitForExitAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        throw new DevHostException($"The web host stopped by itself (exit code {exitCode}).");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VoipProviders.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DevHostException($"No VoipProviders.sln above {AppContext.BaseDirectory}; run build/run.sh from the repository.");
    }
}
