namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>An authenticated request as the handlers see it.</summary>
internal sealed record TwilioCall(
    EmulatedAccount Account,
    string Path,
    IReadOnlyDictionary<string, string> Route,
    IReadOnlyDictionary<string, string> Form,
    IReadOnlyDictionary<string, string> Query,
    DateTimeOffset Now)
{
    public string AccountSid => Account.Sid;

    public string Sid => Route["Sid"];

    public string TrunkSid => Route["TrunkSid"];

    public string? FormValue(string name) => Form.TryGetValue(name, out var value) ? value : null;
}
