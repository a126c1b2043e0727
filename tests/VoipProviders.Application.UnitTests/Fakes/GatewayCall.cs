using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>One call made to <see cref="FakeTwilioGateway"/>: the operation, the credentials used and the other arguments in order.</summary>
public sealed record GatewayCall(string Operation, TwilioCredentials Credentials, IReadOnlyList<object?> Arguments)
{
    public string AccountSid => Credentials.AccountSid.Value;

    public T Argument<T>(int index) => (T)Arguments[index]!;
}
