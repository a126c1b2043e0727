namespace VoipProviders.TwilioEmulator;

/// <summary>Options for <see cref="TwilioEmulatorHost"/>.</summary>
public sealed class TwilioEmulatorOptions
{
    /// <summary>Kestrel URLs; the default binds an ephemeral loopback port (see <see cref="TwilioEmulatorHost.BaseAddress"/>).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Accounts (and their incoming numbers) created at start-up.</summary>
    public IList<EmulatedAccountSeed> Accounts { get; } = [];

    /// <summary>Clock for resource dates and request timestamps (delays always use real time).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Reads <c>Emulator:Urls</c> and <c>Emulator:Accounts:N:{Sid,AuthToken,SecondaryAuthToken,FriendlyName,Status,PhoneNumbers:M}</c>.
    /// </summary>
    public static TwilioEmulatorOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TwilioEmulatorOptions();
        var section = configuration.GetSection("Emulator");
        if (section["Urls"] is { Length: > 0 } urls)
        {
            options.Urls = urls;
        }

        foreach (var accountSection in section.GetSection("Accounts").GetChildren())
        {
            var seed = new EmulatedAccountSeed
            {
                Sid = NullIfEmpty(accountSection["Sid"]),
                AuthToken = NullIfEmpty(accountSection["AuthToken"]),
                SecondaryAuthToken = NullIfEmpty(accountSection["SecondaryAuthToken"]),
                FriendlyName = NullIfEmpty(accountSection["FriendlyName"]),
            };
            if (NullIfEmpty(accountSection["Status"]) is { } status)
            {
                seed.Status = Enum.Parse<EmulatedAccountStatus>(status, ignoreCase: true);
            }

            foreach (var number in accountSection.GetSection("PhoneNumbers").GetChildren())
            {
                if (NullIfEmpty(number.Value) is { } e164)
                {
                    seed.PhoneNumbers.Add(e164);
                }
            }

            options.Accounts.Add(seed);
        }

        return options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
