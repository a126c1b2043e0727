using Mapster;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>One page of a database list: every list endpoint counts and windows the same way.</summary>
internal static class Paging
{
    /// <summary>
    /// Counts the filtered rows, then reads the window <paramref name="skip"/>..+<paramref name="take"/> in
    /// <paramref name="order"/>, projected onto <typeparamref name="TResponse"/>; a window past the end reads nothing.
    /// </summary>
    public static async Task<PagedResponse<TResponse>> ToPageAsync<TEntity, TResponse>(
        this IQueryable<TEntity> filtered,
        Func<IQueryable<TEntity>, IOrderedQueryable<TEntity>> order,
        TypeAdapterConfig mappings,
        int skip,
        int take,
        CancellationToken cancellationToken)
    {
        var totalCount = await filtered.CountAsync(cancellationToken);
        List<TResponse> items = totalCount <= skip
            ? []
            : await order(filtered)
                .Skip(skip)
                .Take(take)
                .ProjectToType<TResponse>(mappings)
                .ToListAsync(cancellationToken);
        return new PagedResponse<TResponse>(items, totalCount, skip, take);
    }
}
