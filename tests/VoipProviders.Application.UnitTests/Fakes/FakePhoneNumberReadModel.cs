using Mapster;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>
/// The read side of imported numbers over an in-memory list, with the semantics of the real read model: scoped to the
/// organization, optionally to one provider and to numbers containing a search string; ordered by number, then id;
/// counted, then windowed (a window past the end reads nothing). Answers are mapped by the application's Mapster
/// configuration, as the real projection is.
/// </summary>
public sealed class FakePhoneNumberReadModel : IPhoneNumberReadModel
{
    private readonly TypeAdapterConfig _mappings = TestValues.Mappings();

    /// <summary>The committed imports.</summary>
    public List<ImportedPhoneNumber> PhoneNumbers { get; } = [];

    public Task<PhoneNumberResponse?> FindAsync(OrganizationId organizationId, Guid phoneNumberId, CancellationToken cancellationToken) =>
        Task.FromResult(
            PhoneNumbers.SingleOrDefault(n => n.Id == phoneNumberId && n.OrganizationId == organizationId) is { } number
                ? number.Adapt<PhoneNumberResponse>(_mappings)
                : null);

    public Task<PagedResponse<PhoneNumberResponse>> PageAsync(
        OrganizationId organizationId,
        ProviderId? providerId,
        string? phoneNumber,
        int skip,
        int take,
        CancellationToken cancellationToken)
    {
        var numbers = PhoneNumbers.Where(n => n.OrganizationId == organizationId);
        if (providerId is { } provider)
        {
            numbers = numbers.Where(n => n.ProviderId == provider);
        }

        if (phoneNumber is { } search)
        {
            numbers = numbers.Where(n => n.PhoneNumber.Contains(search, StringComparison.Ordinal));
        }

        var filtered = numbers.ToList();
        List<PhoneNumberResponse> items = filtered.Count <= skip
            ? []
            : [.. filtered
                .OrderBy(n => n.PhoneNumber, StringComparer.Ordinal)
                .ThenBy(n => n.Id)
                .Skip(skip)
                .Take(take)
                .Select(n => n.Adapt<PhoneNumberResponse>(_mappings))];
        return Task.FromResult(new PagedResponse<PhoneNumberResponse>(items, filtered.Count, skip, take));
    }

    public Task<IReadOnlyDictionary<string, Guid>> ImportedBySidAsync(
        ProviderId providerId,
        IReadOnlyCollection<string> phoneNumberSids,
        CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, Guid>>(
            PhoneNumbers
                .Where(n => n.ProviderId == providerId && phoneNumberSids.Contains(n.PhoneNumberSid))
                .ToDictionary(n => n.PhoneNumberSid, n => n.Id, StringComparer.Ordinal));
}
