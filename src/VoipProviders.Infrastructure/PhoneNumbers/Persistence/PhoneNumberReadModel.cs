using Mapster;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.PhoneNumbers.Persistence;

/// <summary><see cref="IPhoneNumberReadModel"/>: untracked reads projected by Mapster onto the DTO.</summary>
internal sealed class PhoneNumberReadModel(VoipProvidersDbContext dbContext, TypeAdapterConfig mappings) : IPhoneNumberReadModel
{
    private IQueryable<ImportedPhoneNumber> Numbers => dbContext.Set<ImportedPhoneNumber>().AsNoTracking();

    public Task<PhoneNumberResponse?> FindAsync(OrganizationId organizationId, Guid phoneNumberId, CancellationToken cancellationToken) =>
        Numbers
            .Where(n => n.Id == phoneNumberId && n.OrganizationId == organizationId)
            .ProjectToType<PhoneNumberResponse>(mappings)
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<PagedResponse<PhoneNumberResponse>> PageAsync(
        OrganizationId organizationId,
        ProviderId? providerId,
        string? phoneNumber,
        int skip,
        int take,
        CancellationToken cancellationToken)
    {
        var numbers = Numbers.Where(n => n.OrganizationId == organizationId);
        if (providerId is { } provider)
        {
            numbers = numbers.Where(n => n.ProviderId == provider);
        }

        if (phoneNumber is { } search)
        {
            numbers = numbers.Where(n => n.PhoneNumber.Contains(search));
        }

        return await numbers.ToPageAsync<ImportedPhoneNumber, PhoneNumberResponse>(
            rows => rows.OrderBy(n => n.PhoneNumber).ThenBy(n => n.Id), mappings, skip, take, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, Guid>> ImportedBySidAsync(
        ProviderId providerId,
        IReadOnlyCollection<string> phoneNumberSids,
        CancellationToken cancellationToken) =>
        await Numbers
            .Where(n => n.ProviderId == providerId && phoneNumberSids.Contains(n.PhoneNumberSid))
            .ToDictionaryAsync(n => n.PhoneNumberSid, n => n.Id, StringComparer.Ordinal, cancellationToken);
}
