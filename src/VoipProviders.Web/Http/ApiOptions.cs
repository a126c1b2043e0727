using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Web.Http;

/// <summary>Settings under <c>Api</c>: limits of the HTTP edge.</summary>
[OptionsSection(SectionName)]
public sealed class ApiOptions
{
    public const string SectionName = "Api";
    public const int DefaultMaxRequestBodyBytes = 64 * 1024;

    /// <summary>Largest request body accepted, in bytes; a larger one is refused with 413 before it is read.</summary>
    [Range(1_024, 104_857_600)]
    public int MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// Whether https answers carry <c>Strict-Transport-Security</c> (outside Development only). Off by default: where TLS
    /// ends at an ingress, the ingress sends the header; turn it on where this host terminates TLS itself.
    /// </summary>
    public bool UseHsts { get; set; }
}
