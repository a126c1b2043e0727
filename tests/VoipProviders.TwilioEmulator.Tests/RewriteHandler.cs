namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>
/// Sends every Twilio SDK request to the emulator: swaps scheme/host/port and keeps the host the SDK meant to call
/// in <c>X-Twilio-Original-Host</c> (e.g. api.dublin.ie1.twilio.com).
/// </summary>
public sealed class RewriteHandler(Uri emulatorBaseAddress) : DelegatingHandler
{
    public const string OriginalHostHeader = "X-Twilio-Original-Host";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var original = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        request.Headers.TryAddWithoutValidation(OriginalHostHeader, original.Host);
        request.RequestUri = new UriBuilder(original)
        {
            Scheme = emulatorBaseAddress.Scheme,
            Host = emulatorBaseAddress.Host,
            Port = emulatorBaseAddress.Port,
        }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
