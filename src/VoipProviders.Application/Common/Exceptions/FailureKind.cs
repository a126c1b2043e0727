namespace VoipProviders.Application.Common.Exceptions;

/// <summary>What kind of expected failure a request ended in; the host maps each kind to one HTTP status, once.</summary>
public enum FailureKind
{
    /// <summary>The request itself is malformed (400).</summary>
    InvalidRequest,

    /// <summary>The resource does not exist for the caller (404).</summary>
    NotFound,

    /// <summary>The request conflicts with the resource's current state (409).</summary>
    Conflict,

    /// <summary>The caller's precondition (If-Match) no longer holds (412).</summary>
    PreconditionFailed,

    /// <summary>Well-formed, but it cannot be carried out as things stand (422).</summary>
    Unprocessable,

    /// <summary>An upstream service (Twilio) failed or refused our request (502).</summary>
    UpstreamFailed,

    /// <summary>An upstream service asked us to wait, or calls to it are paused (503 with Retry-After).</summary>
    TemporarilyUnavailable,
}
