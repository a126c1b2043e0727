using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using VoipProviders.Domain.Common;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>Stores a <see cref="ProtectedSecret"/> as its ciphertext (the plaintext never reaches the model).</summary>
internal sealed class ProtectedSecretConverter() : ValueConverter<ProtectedSecret, string>(secret => secret.CipherText, cipherText => new ProtectedSecret(cipherText));
