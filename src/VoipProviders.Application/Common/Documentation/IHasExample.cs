using System.Text.Json.Nodes;

namespace VoipProviders.Application.Common.Documentation;

/// <summary>
/// A type that knows a realistic JSON example of itself, as callers see it on the wire. The API reference shows it;
/// keeping it on the type keeps it next to the fields it describes.
/// </summary>
public interface IHasExample
{
    static abstract JsonNode Example { get; }
}
