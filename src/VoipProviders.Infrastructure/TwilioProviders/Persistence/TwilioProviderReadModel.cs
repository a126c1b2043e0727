using Mapster;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.Providers;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>
/// <see cref="ITwilioProviderReadModel"/> as EF Core queries compiled once (no expression-tree hashing or cache look-up
/// per request), each one SQL statement: the imported-number count is a correlated subquery, and a page carries the
/// filtered total as an uncorrelated one (PostgreSQL runs it once). Entities are read without tracking and mapped by
/// Mapster's compiled mapping.
/// </summary>
internal sealed class TwilioProviderReadModel(VoipProvidersDbContext dbContext, TypeAdapterConfig mappings) : ITwilioProviderReadModel
{
    private static readonly Func<VoipProvidersDbContext, ProviderId, OrganizationId, CancellationToken, Task<ProviderRow?>> Find =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, ProviderId id, OrganizationId organizationId, CancellationToken _) =>
            db.Set<TwilioProvider>().AsNoTracking()
                .Where(p => p.Id == id && p.OrganizationId == organizationId)
                .Select(p => new ProviderRow(p, db.Set<ImportedPhoneNumber>().Count(n => n.ProviderId == p.Id), 0))
                .FirstOrDefault());

    private static readonly Func<VoipProvidersDbContext, OrganizationId, int, int, IAsyncEnumerable<ProviderRow>> Page =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, OrganizationId organizationId, int skip, int take) =>
            db.Set<TwilioProvider>().AsNoTracking()
                .Where(p => p.OrganizationId == organizationId)
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                .Skip(skip).Take(take)
                .Select(p => new ProviderRow(
                    p,
                    db.Set<ImportedPhoneNumber>().Count(n => n.ProviderId == p.Id),
                    db.Set<TwilioProvider>().Count(all => all.OrganizationId == organizationId))));

    private static readonly Func<VoipProvidersDbContext, OrganizationId, VerificationStatus, int, int, IAsyncEnumerable<ProviderRow>> PageWithStatus =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, OrganizationId organizationId, VerificationStatus status, int skip, int take) =>
            db.Set<TwilioProvider>().AsNoTracking()
                .Where(p => p.OrganizationId == organizationId && p.VerificationStatus == status)
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                .Skip(skip).Take(take)
                .Select(p => new ProviderRow(
                    p,
                    db.Set<ImportedPhoneNumber>().Count(n => n.ProviderId == p.Id),
                    db.Set<TwilioProvider>().Count(all => all.OrganizationId == organizationId && all.VerificationStatus == status))));

    private static readonly Func<VoipProvidersDbContext, OrganizationId, CancellationToken, Task<int>> Count =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, OrganizationId organizationId, CancellationToken _) =>
            db.Set<TwilioProvider>().Count(p => p.OrganizationId == organizationId));

    private static readonly Func<VoipProvidersDbContext, OrganizationId, VerificationStatus, CancellationToken, Task<int>> CountWithStatus =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, OrganizationId organizationId, VerificationStatus status, CancellationToken _) =>
            db.Set<TwilioProvider>().Count(p => p.OrganizationId == organizationId && p.VerificationStatus == status));

    public async Task<TwilioProviderResponse?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        await dbContext.StreamingWithRetriesAsync(token => Find(dbContext, providerId, organizationId, token), cancellationToken) is { } row
            ? ToResponse(row)
            : null;

    public async Task<PagedResponse<TwilioProviderResponse>> ListAsync(
        OrganizationId organizationId,
        VerificationStatus? verificationStatus,
        int skip,
        int take,
        CancellationToken cancellationToken)
    {
        var (items, total) = await dbContext.StreamingWithRetriesAsync(
            async token =>
            {
                var rows = verificationStatus is { } status
                    ? PageWithStatus(dbContext, organizationId, status, skip, take)
                    : Page(dbContext, organizationId, skip, take);
                var page = new List<TwilioProviderResponse>(Math.Min(take, PagingRules.MaxTake));
                var count = 0;
                await foreach (var row in rows.WithCancellation(token))
                {
                    page.Add(ToResponse(row));
                    count = row.TotalCount;
                }

                if (page.Count == 0)
                {
                    // An empty page says nothing about the total (the window may lie beyond it): ask for it alone.
                    count = verificationStatus is { } only
                        ? await CountWithStatus(dbContext, organizationId, only, token)
                        : await Count(dbContext, organizationId, token);
                }

                return (page, count);
            },
            cancellationToken);

        return new PagedResponse<TwilioProviderResponse>(items, total, skip, take);
    }

    private TwilioProviderResponse ToResponse(ProviderRow row) =>
        row.Provider.Adapt<TwilioProviderResponse>(mappings) with { PhoneNumberCount = row.PhoneNumberCount };

    /// <summary>A provider as read, with its imported-number count and (for a page) the filtered total.</summary>
    private sealed record ProviderRow(TwilioProvider Provider, int PhoneNumberCount, int TotalCount);
}
