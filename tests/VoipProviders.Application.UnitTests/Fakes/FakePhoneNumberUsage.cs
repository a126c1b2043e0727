using VoipProviders.Contracts.PhoneNumbers;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>
/// A module that uses numbers (agents, outbound calling): answers with <see cref="Users"/> and records what it was asked.
/// Releases are written to <see cref="Journal"/> as "release:{name}", so a test can order them against other calls.
/// </summary>
public sealed class FakePhoneNumberUsage(string name, List<string>? journal = null) : IPhoneNumberUsage
{
    public string Name { get; } = name;

    public List<string> Journal { get; } = journal ?? [];

    /// <summary>Who uses the number, as this module reports it.</summary>
    public List<PhoneNumberUser> Users { get; } = [];

    public List<PhoneNumberReference> Asked { get; } = [];

    public List<PhoneNumberReference> Released { get; } = [];

    /// <summary>Runs at each release, before it is recorded (e.g. to see what the handler had done by then).</summary>
    public Action? OnRelease { get; set; }

    /// <summary>When set, <see cref="ReleaseAsync"/> throws it.</summary>
    public Exception? ReleaseException { get; set; }

    public Task<IReadOnlyList<PhoneNumberUser>> FindUsersAsync(PhoneNumberReference number, CancellationToken cancellationToken)
    {
        Asked.Add(number);
        return Task.FromResult<IReadOnlyList<PhoneNumberUser>>([.. Users]);
    }

    public Task ReleaseAsync(PhoneNumberReference number, CancellationToken cancellationToken)
    {
        OnRelease?.Invoke();
        Journal.Add($"release:{Name}");
        if (ReleaseException is not null)
        {
            throw ReleaseException;
        }

        Released.Add(number);
        return Task.CompletedTask;
    }
}
