namespace VoipProviders.Application.Common.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> the current request holds, if any, and the response to store for it. The HTTP edge begins
/// it with how the endpoint answers a command's result; the command's result becomes that response just before the
/// unit of work commits (<see cref="Behaviours.IdempotentResponseBehaviour{TMessage, TResponse}"/>), and the unit of work
/// stores it in the same transaction as the command's changes: a committed change and the response a retry replays are
/// never parted. One per request (scoped).
/// </summary>
public sealed class IdempotencyContext
{
    private Func<object, StoredResponse?>? _responseTo;

    /// <summary>The key the request holds; null when it holds none.</summary>
    public ClaimedIdempotencyKey? Claim { get; private set; }

    /// <summary>The response to store with the commit, once the command produced the result it shows.</summary>
    public StoredResponse? Response { get; private set; }

    /// <summary>Whether the response is committed: the key is used up, a retry replays it.</summary>
    public bool IsStored { get; private set; }

    /// <summary>Whether the request holds a key and no command has produced its response yet.</summary>
    public bool AwaitsResponse => _responseTo is not null && Response is null;

    /// <summary>
    /// Holds <paramref name="claim"/> for this request; <paramref name="responseTo"/> is the response the endpoint
    /// answers with for a command's result (null for a result it does not answer with).
    /// </summary>
    public void Begin(ClaimedIdempotencyKey claim, Func<object, StoredResponse?> responseTo)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(responseTo);
        if (Claim is not null)
        {
            throw new InvalidOperationException("A request holds one Idempotency-Key.");
        }

        Claim = claim;
        _responseTo = responseTo;
    }

    /// <summary>A command's result, just before its commit: the first one the endpoint answers with is the response to store.</summary>
    public void OfferResult(object? result)
    {
        if (AwaitsResponse && result is not null)
        {
            Response = _responseTo!(result);
        }
    }

    /// <summary>The unit of work committed <see cref="Response"/>.</summary>
    public void MarkStored() => IsStored = true;
}
