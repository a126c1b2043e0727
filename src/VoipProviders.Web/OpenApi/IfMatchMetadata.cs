namespace VoipProviders.Web.OpenApi;

/// <summary>Marks an endpoint that honours If-Match, so its OpenAPI operation documents the header.</summary>
internal sealed class IfMatchMetadata;
