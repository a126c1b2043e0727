using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.TwilioProviders.SipCredentials;

/// <summary>Settings under <c>Sip</c> for the trunk's SIP credentials.</summary>
[OptionsSection(SectionName)]
public sealed class SipCredentialOptions
{
    public const string SectionName = "Sip";

    /// <summary>
    /// How long the credential a rotation replaced keeps authenticating (calls being set up with it still go through)
    /// before it is deleted from the credential list. 0 deletes it at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CredentialRotationGracePeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// When a rotation's new credential is checked for having been left behind (the process died between creating it in
    /// Twilio and storing it): longer than any rotation takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UnfinishedRotationGracePeriod { get; set; } = TimeSpan.FromMinutes(10);
}
