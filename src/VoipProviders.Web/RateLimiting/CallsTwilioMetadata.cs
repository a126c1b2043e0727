namespace VoipProviders.Web.RateLimiting;

/// <summary>
/// Marks an endpoint that calls Twilio on the caller's behalf: a GET among them is a Twilio-backed read, limited per
/// organization like a change (see <see cref="OrganizationRateLimiting"/>).
/// </summary>
internal sealed class CallsTwilioMetadata
{
    public static CallsTwilioMetadata Instance { get; } = new();

    private CallsTwilioMetadata()
    {
    }
}
