namespace VoipProviders.Infrastructure.Twilio;

/// <summary>What a Twilio call does, which decides what is safe to retry.</summary>
internal enum TwilioOperationKind
{
    /// <summary>A GET: retried on 429, 5xx, transport errors and timeouts.</summary>
    Read,

    /// <summary>A DELETE: idempotent, retried like a read (a repeated delete answering 404 counts as done).</summary>
    Delete,

    /// <summary>A POST that sets fields to given values: repeating it has the same effect, so it is retried like a read.</summary>
    Update,

    /// <summary>A POST that creates: retried only on 429 (Twilio never processed it); any other failure is ambiguous.</summary>
    Create,
}
