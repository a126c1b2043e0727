namespace VoipProviders.Application.Common.Exceptions;

/// <summary>
/// Base of every failure that is part of the contract — bad input, a missing resource, a conflict, Twilio refusing
/// or failing — as opposed to a bug. Logging records these as outcomes, not errors; the host turns them into problem
/// responses from <see cref="Kind"/> (the status), <see cref="Code"/>, <see cref="Title"/>, <see cref="Detail"/> and
/// <see cref="Facts"/>. None of these ever contains a secret or a value the caller sent.
/// </summary>
public abstract class ExpectedFailureException : Exception
{
    private static readonly IReadOnlyDictionary<string, object> NoFacts = new Dictionary<string, object>();

    protected ExpectedFailureException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public abstract FailureKind Kind { get; }

    /// <summary>Machine-readable, stable: clients branch on it.</summary>
    public abstract string Code { get; }

    public abstract string Title { get; }

    /// <summary>What the caller is told; by default the exception message.</summary>
    public virtual string Detail => Message;

    /// <summary>Plain facts that help the caller act (e.g. Twilio's error code); added to the problem as members.</summary>
    public virtual IReadOnlyDictionary<string, object> Facts => NoFacts;

    /// <summary>For <see cref="FailureKind.TemporarilyUnavailable"/>: how long the caller should wait.</summary>
    public virtual TimeSpan? RetryAfter => null;
}
