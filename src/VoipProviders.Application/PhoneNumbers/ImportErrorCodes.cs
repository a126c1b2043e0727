namespace VoipProviders.Application.PhoneNumbers;

/// <summary>Why one number of an import was not imported. Machine-readable; clients branch on them.</summary>
public static class ImportErrorCodes
{
    public const string NotFound = "not_found";
    public const string AlreadyImported = "already_imported";
    public const string ImportedElsewhere = "imported_elsewhere";
    public const string AttachedToOtherTrunk = "attached_to_other_trunk";
    public const string TrunkAttachmentFailed = "trunk_attachment_failed";
}
