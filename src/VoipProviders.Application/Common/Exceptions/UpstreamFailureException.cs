namespace VoipProviders.Application.Common.Exceptions;

/// <summary>
/// Base of every failure an upstream provider's API reported (refused credentials, a missing resource, an outage,
/// throttling). Code that only needs to know "the upstream service answered with a failure, so this run proves nothing
/// about our own state" catches this; the provider types throw their own subtypes.
/// </summary>
public abstract class UpstreamFailureException(string message, Exception? innerException)
    : ExpectedFailureException(message, innerException);
