using System.Net.Http.Headers;
using System.Text;
using Twilio.Clients;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>One emulator per test (xUnit creates a class instance per test), with one active account.</summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    private readonly List<IDisposable> _disposables = [];
    private TwilioEmulatorHost? _emulator;
    private EmulatedAccount? _account;

    protected TwilioEmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not started.");

    protected TwilioEmulatorState State => Emulator.State;

    protected EmulatedAccount Account => _account ?? throw new InvalidOperationException("The emulator is not started.");

    public async Task InitializeAsync()
    {
        _emulator = await TwilioEmulatorHost.StartAsync(CreateOptions());
        _account = _emulator.State.AddAccount("Contract tests");
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// A real SDK client (never TwilioClient.Init) whose transport is rewritten to the emulator; a <paramref name="recorder"/>
    /// sees every raw response the SDK receives.
    /// </summary>
    protected TwilioRestClient Client(
        EmulatedAccount? account = null,
        string? authToken = null,
        TimeSpan? timeout = null,
        string? region = null,
        string? edge = null,
        ResponseRecorder? recorder = null)
    {
        account ??= Account;
        HttpMessageHandler handler = new RewriteHandler(Emulator.BaseAddress) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } };
        if (recorder is not null)
        {
            recorder.InnerHandler = handler;
            handler = recorder;
        }

        var http = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(15) };
        _disposables.Add(http);
        return new TwilioRestClient(account.Sid, authToken ?? account.AuthToken, region: region, httpClient: new Twilio.Http.SystemNetHttpClient(http), edge: edge);
    }

    /// <summary>A plain HttpClient on the emulator, with Basic auth for <paramref name="account"/> (or none).</summary>
    protected HttpClient RawClient(EmulatedAccount? account = null, bool authenticate = true)
    {
        account ??= Account;
        var http = new HttpClient { BaseAddress = Emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        if (authenticate)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.Sid}:{account.AuthToken}"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        _disposables.Add(http);
        return http;
    }

    /// <summary>Options for this test's emulator; null means the defaults.</summary>
    protected virtual TwilioEmulatorOptions? CreateOptions() => null;

    protected EmulatedPhoneNumber[] AddNumbers(int count, EmulatedAccount? account = null) =>
        [.. Enumerable.Range(0, count).Select(i => State.AddIncomingPhoneNumber((account ?? Account).Sid, $"+1415555{i:0000}"))];
}
