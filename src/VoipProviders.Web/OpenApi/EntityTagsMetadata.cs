namespace VoipProviders.Web.OpenApi;

/// <summary>Marks the endpoints whose answers <see cref="Http.ETagResponseFilter"/> tags: their GETs honour If-None-Match.</summary>
internal sealed class EntityTagsMetadata
{
    public static readonly EntityTagsMetadata Instance = new();

    private EntityTagsMetadata()
    {
    }
}
