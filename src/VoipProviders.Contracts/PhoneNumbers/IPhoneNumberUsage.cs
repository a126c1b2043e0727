namespace VoipProviders.Contracts.PhoneNumbers;

/// <summary>
/// Implemented by the modules that use imported numbers (agents, outbound calling) and registered in DI; any number
/// of them may be. Before a number is removed the module asks every one who uses it, and with <c>force</c> tells them
/// to let go once the removal is committed (a removal that fails leaves their links alone). None registered means nobody
/// uses any number.
/// </summary>
public interface IPhoneNumberUsage
{
    /// <summary>Who uses the number now, and how; empty when nobody does.</summary>
    Task<IReadOnlyList<PhoneNumberUser>> FindUsersAsync(PhoneNumberReference number, CancellationToken cancellationToken);

    /// <summary>Stop using the number (unlink it from agents, stop dialling out with it). Must be idempotent.</summary>
    Task ReleaseAsync(PhoneNumberReference number, CancellationToken cancellationToken);
}
