namespace VoipProviders.Domain.Common;

/// <summary>
/// A change the domain refuses because it would break one of its rules. <see cref="Code"/> is machine-readable; the
/// message is written for the caller and never contains the offending value (it may be a secret).
/// </summary>
public sealed class DomainRuleViolationException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
