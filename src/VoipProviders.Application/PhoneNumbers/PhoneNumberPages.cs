using Mapster;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Models;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>One page of an organization's imported numbers, ordered by number (then id).</summary>
internal static class PhoneNumberPages
{
    public static async Task<PagedResponse<PhoneNumberResponse>> PageAsync(
        this IVoipProvidersDbContext dbContext,
        TypeAdapterConfig mappings,
        string organizationId,
        Guid? providerId,
        string? phoneNumber,
        int skip,
        int take,
        CancellationToken cancellationToken)
    {
        var numbers = dbContext.ImportedPhoneNumbers.AsNoTracking().Where(n => n.OrganizationId == organizationId);
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
}
