namespace VoipProviders.Domain.Common;

/// <summary>
/// Work the module owes outside its database — deleting what it built in a tenant's account — recorded so that it
/// survives restarts and is retried by a background job until it is done or given up. Each failed attempt is counted and
/// its reason kept (in words that never include a secret); giving up drops the credentials the work needed and leaves
/// the record for an operator to see.
/// </summary>
public abstract class DurableOperation
{
    public const int MaxFailureLength = 200;

    public int FailedAttempts { get; private set; }

    /// <summary>Why the last attempt failed, in words that never include a secret.</summary>
    public string? LastFailure { get; private set; }

    public DateTimeOffset UpdatedAt { get; protected set; }

    public void RecordFailedAttempt(string failure, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(failure);
        FailedAttempts++;
        LastFailure = failure.Length <= MaxFailureLength ? failure : failure[..MaxFailureLength];
        UpdatedAt = Timestamps.Normalize(now);
    }

    /// <summary>Stops trying: what is left needs removing by hand, and the credentials are dropped.</summary>
    public void Abandon(DateTimeOffset now)
    {
        MarkAbandoned();
        UpdatedAt = Timestamps.Normalize(now);
    }

    /// <summary>Moves to the operation's abandoned status and drops the credentials it held.</summary>
    protected abstract void MarkAbandoned();
}
