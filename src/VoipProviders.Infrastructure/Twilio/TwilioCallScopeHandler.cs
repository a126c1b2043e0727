namespace VoipProviders.Infrastructure.Twilio;

/// <summary>Applies the ambient <see cref="TwilioCallScope"/>: its token cancels the request; the response is recorded.</summary>
internal sealed class TwilioCallScopeHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (TwilioCallScope.Current is not { } scope)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, scope.CancellationToken);
        var response = await base.SendAsync(request, linked.Token);
        scope.Record(response);
        return response;
    }
}
