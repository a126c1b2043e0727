namespace VoipProviders.LoadTests.Reference;

/// <summary>One check's result: name, passed|warning|failed|skipped, message, when, and plain facts (keys in ordinal order).</summary>
internal sealed record ReferenceCheck(string Name, string Status, string Message, DateTimeOffset Timestamp, SortedDictionary<string, object> Details);
