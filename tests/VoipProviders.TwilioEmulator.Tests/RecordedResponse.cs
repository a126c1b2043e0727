using System.Net;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>One raw response as the SDK received it.</summary>
public sealed record RecordedResponse(string Method, HttpStatusCode Status, string? MediaType, string Body);
