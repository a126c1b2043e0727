using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Contracts.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>Other modules use the number; it is only removed with <c>force</c>, after they let go.</summary>
public sealed class PhoneNumberInUseException(string phoneNumber, IReadOnlyList<PhoneNumberUser> users)
    : ExpectedFailureException($"{phoneNumber} is in use by {users.Count} agent(s). Release it there first, or remove it with force=true.")
{
    public IReadOnlyList<PhoneNumberUser> Users { get; } = users;

    public override FailureKind Kind => FailureKind.Conflict;

    public override string Code => "phone_number_in_use";

    public override string Title => "The phone number is in use";

    public override IReadOnlyDictionary<string, object> Facts =>
        new Dictionary<string, object>(StringComparer.Ordinal) { ["affectedAgents"] = Users };
}
