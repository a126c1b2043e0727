namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// Implemented by an entity configuration whose constraints can be violated by a valid request (a unique key two
/// requests race for): it declares, beside the index it creates, what each violation means.
/// </summary>
internal interface IDeclareConstraintErrors
{
    IEnumerable<ConstraintError> ConstraintErrors { get; }
}
