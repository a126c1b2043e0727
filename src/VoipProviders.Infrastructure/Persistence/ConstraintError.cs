namespace VoipProviders.Infrastructure.Persistence;

/// <summary>What a violated database constraint means to a caller: the exception to raise instead of the database's.</summary>
internal sealed record ConstraintError(string ConstraintName, Func<Exception, Exception> Translate);
