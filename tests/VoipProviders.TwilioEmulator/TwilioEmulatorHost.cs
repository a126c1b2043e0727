using VoipProviders.TwilioEmulator.Internal;

namespace VoipProviders.TwilioEmulator;

/// <summary>
/// A running emulator on real TCP (Kestrel, loopback). Point the Twilio SDK at <see cref="BaseAddress"/> with a
/// DelegatingHandler that rewrites scheme/host/port (routing is on the path only).
/// </summary>
public sealed class TwilioEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TwilioEmulatorHost(WebApplication app, TwilioEmulatorState state, Uri baseAddress)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the emulator listens, with a trailing slash, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    public TwilioEmulatorState State { get; }

    /// <summary>Starts an isolated emulator (no configuration files, environment or logging of the calling process are used).</summary>
    public static Task<TwilioEmulatorHost> StartAsync(TwilioEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TwilioEmulatorOptions();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TwilioEmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().UseUrls(options.Urls);
        return StartAsync(builder, options, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static async Task<TwilioEmulatorHost> StartAsync(WebApplicationBuilder builder, TwilioEmulatorOptions options, CancellationToken cancellationToken)
    {
        var state = new TwilioEmulatorState(options.TimeProvider);
        foreach (var seed in options.Accounts)
        {
            var account = seed.Sid is null && seed.AuthToken is null
                ? state.AddAccount(seed.FriendlyName, seed.Status)
                : state.AddAccount(seed.Sid ?? Sids.New("AC"), seed.AuthToken ?? Sids.NewToken(), seed.FriendlyName ?? "Emulated Account", seed.Status);
            if (seed.SecondaryAuthToken is { } secondary)
            {
                state.SetSecondaryAuthToken(account.Sid, secondary);
            }

            foreach (var number in seed.PhoneNumbers)
            {
                state.AddIncomingPhoneNumber(account.Sid, number);
            }
        }

        var app = EmulatorApplication.Build(builder, state);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new TwilioEmulatorHost(app, state, ResolveBaseAddress(app.Urls));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Kestrel reports the bound port after start; wildcard hosts are reached through 127.0.0.1.</summary>
    private static Uri ResolveBaseAddress(ICollection<string> urls)
    {
        var address = urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? urls.First();
        var builder = new UriBuilder(address) { Path = "/" };
        if (builder.Host is "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = "127.0.0.1";
        }

        return builder.Uri;
    }
}
