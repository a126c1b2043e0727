namespace VoipProviders.Contracts.PhoneNumbers;

/// <summary>Something that uses a number: an agent, and how it uses it ("inbound", "outbound").</summary>
public sealed record PhoneNumberUser(string AgentId, string AgentName, IReadOnlyList<string> Uses)
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}
