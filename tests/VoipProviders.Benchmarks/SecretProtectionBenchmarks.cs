using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.Common;
using VoipProviders.Infrastructure.Security;

namespace VoipProviders.Benchmarks;

/// <summary>Cost of encrypting and decrypting an Auth Token with a per-provider purpose (done once per create/rotate).</summary>
[MemoryDiagnoser]
public class SecretProtectionBenchmarks
{
    private readonly DataProtectionSecretProtector _protector = new(new EphemeralDataProtectionProvider());
    private readonly Guid _owner = Guid.NewGuid();
    private ProtectedSecret _secret;

    [GlobalSetup]
    public void Setup() => _secret = _protector.Protect(TwilioSecrets.AuthToken, _owner, "0123456789abcdef0123456789abcdef");

    [Benchmark]
    public ProtectedSecret Protect() => _protector.Protect(TwilioSecrets.AuthToken, _owner, "0123456789abcdef0123456789abcdef");

    [Benchmark]
    public string Unprotect() => _protector.Unprotect(TwilioSecrets.AuthToken, _owner, _secret);
}
