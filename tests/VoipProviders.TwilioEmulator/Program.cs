namespace VoipProviders.TwilioEmulator;

/// <summary>
/// Standalone entry point: <c>dotnet run --project tests/VoipProviders.TwilioEmulator -- --urls http://127.0.0.1:5081</c>.
/// Seeds accounts from <c>Emulator:Accounts:N:{Sid,AuthToken,SecondaryAuthToken,FriendlyName,Status,PhoneNumbers:M}</c> (command line,
/// environment with <c>Emulator__Accounts__0__Sid</c>, or appsettings) and prints them.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var options = TwilioEmulatorOptions.FromConfiguration(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(options.Urls);
        }

        await using var host = await TwilioEmulatorHost.StartAsync(builder, options, CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine($"Twilio emulator listening on {host.BaseAddress} (admin: {host.BaseAddress}_emulator/requests)");
        foreach (var account in host.State.Accounts)
        {
            var numbers = host.State.PhoneNumbers.Where(p => p.AccountSid == account.Sid).Select(p => $"{p.PhoneNumber} ({p.Sid})");
            var secondary = account.SecondaryAuthToken is { } token ? $" secondary token {token}" : "";
            Console.WriteLine($"Account {account.Sid} token {account.AuthToken}{secondary} status {account.Status} numbers [{string.Join(", ", numbers)}]");
        }

        await host.WaitForShutdownAsync().ConfigureAwait(false);
    }
}
