namespace VoipProviders.Domain.TwilioProviders;

/// <summary>The checks of a verification run, by the names callers see, in the order they run.</summary>
public static class VerificationCheckNames
{
    public const string Credentials = "Credentials";
    public const string Trunk = "Trunk";
    public const string CredentialList = "Credential List";
    public const string Origination = "Origination";
    public const string PhoneNumbers = "Phone Numbers";

    public static IReadOnlyList<string> InOrder { get; } = [Credentials, Trunk, CredentialList, Origination, PhoneNumbers];
}
