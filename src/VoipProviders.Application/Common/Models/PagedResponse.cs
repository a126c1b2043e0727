namespace VoipProviders.Application.Common.Models;

/// <summary>One page of a list: the items, how many there are in all, and the window that was asked for.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int TotalCount, int Skip, int Take);
