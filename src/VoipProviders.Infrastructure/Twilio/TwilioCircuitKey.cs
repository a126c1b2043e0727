namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// What a circuit breaker is kept for: one Twilio product host (<c>api</c>, <c>trunking</c>, …) of one account, so one
/// tenant's failing account or one failing product never pauses calls for the others.
/// </summary>
internal readonly record struct TwilioCircuitKey(string Product, string AccountSid)
{
    public override string ToString() => $"{Product}/{AccountSid}";
}
