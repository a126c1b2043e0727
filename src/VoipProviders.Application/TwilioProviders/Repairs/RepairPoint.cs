namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>The moments of a repair at which a stopped replica must leave a consistent provider and no orphan.</summary>
public enum RepairPoint
{
    /// <summary>The repair's hold on the provider committed; nothing changed in Twilio yet.</summary>
    Claimed,

    /// <summary>A trunk or credential list about to be created was announced (committed); Twilio not yet called.</summary>
    CreateAnnounced,

    /// <summary>Twilio made a change (or created something) and the record of it is not yet committed.</summary>
    TwilioChanged,

    /// <summary>An action's change and its record committed.</summary>
    ActionCommitted,
}
