namespace VoipProviders.Application.Common.Exceptions;

/// <summary>
/// The database connection failed while the command's changes were being committed, and whether they took effect
/// could not be determined afterwards either. Nothing is undone (undoing a committed change would be worse); the caller
/// should read the resource again before retrying.
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception innerException)
    : ExpectedFailureException("The outcome of a commit could not be determined.", innerException)
{
    public override FailureKind Kind => FailureKind.TemporarilyUnavailable;

    public override string Code => "commit_outcome_unknown";

    public override string Title => "The change may or may not have been saved";

    public override string Detail =>
        "The database connection failed while the change was being saved. Read the resource to see whether it was, before trying again.";

    public override TimeSpan? RetryAfter => TimeSpan.FromSeconds(5);
}
