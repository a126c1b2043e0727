namespace VoipProviders.Application.PhoneNumbers;

/// <summary>The moments of an import at which a stopped replica must leave no number attached without a record.</summary>
public enum PhoneNumberImportPoint
{
    /// <summary>Who holds the numbers was looked up; nothing is claimed yet (a concurrent import may claim them first).</summary>
    Looked,

    /// <summary>The import and its claims committed; nothing attached yet.</summary>
    Claimed,

    /// <summary>Every attach answered (or failed); the numbers' records are not committed yet.</summary>
    Attached,
}
