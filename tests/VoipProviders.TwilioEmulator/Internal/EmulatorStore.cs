namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>
/// The emulator's data. Not thread-safe: only touched under <see cref="TwilioEmulatorState"/>'s lock.
/// Stored records keep their association lists empty; snapshots fill them in.
/// </summary>
internal sealed class EmulatorStore
{
    public List<EmulatedAccount> Accounts { get; } = [];

    public List<EmulatedPhoneNumber> PhoneNumbers { get; } = [];

    public List<EmulatedTrunk> Trunks { get; } = [];

    public List<EmulatedCredentialList> CredentialLists { get; } = [];

    public List<EmulatedCredential> Credentials { get; } = [];

    public List<EmulatedOriginationUrl> OriginationUrls { get; } = [];

    public List<TrunkCredentialListLink> TrunkCredentialLists { get; } = [];

    public EmulatedAccount? FindAccount(string sid) => Accounts.Find(a => a.Sid == sid);

    public EmulatedTrunk? FindTrunk(string accountSid, string sid) => Trunks.Find(t => t.Sid == sid && t.AccountSid == accountSid);

    public EmulatedCredentialList? FindCredentialList(string accountSid, string sid) =>
        CredentialLists.Find(c => c.Sid == sid && c.AccountSid == accountSid);

    public EmulatedPhoneNumber? FindPhoneNumber(string accountSid, string sid) =>
        PhoneNumbers.Find(p => p.Sid == sid && p.AccountSid == accountSid);

    /// <summary>Replaces the item with the same SID (records are immutable).</summary>
    public static void Replace<T>(List<T> items, Func<T, string> sid, T updated)
    {
        var index = items.FindIndex(i => sid(i) == sid(updated));
        items[index] = updated;
    }

    public EmulatedTrunk Snapshot(EmulatedTrunk trunk) => trunk with
    {
        CredentialListSids = [.. TrunkCredentialLists.Where(l => l.TrunkSid == trunk.Sid).Select(l => l.CredentialListSid)],
        PhoneNumberSids = [.. PhoneNumbers.Where(p => p.TrunkSid == trunk.Sid).Select(p => p.Sid)],
        OriginationUrls = [.. OriginationUrls.Where(o => o.TrunkSid == trunk.Sid)],
    };

    public EmulatedCredentialList Snapshot(EmulatedCredentialList list) => list with
    {
        Credentials = [.. Credentials.Where(c => c.CredentialListSid == list.Sid)],
        TrunkSids = [.. TrunkCredentialLists.Where(l => l.CredentialListSid == list.Sid).Select(l => l.TrunkSid)],
    };

    public void Clear()
    {
        Accounts.Clear();
        PhoneNumbers.Clear();
        Trunks.Clear();
        CredentialLists.Clear();
        Credentials.Clear();
        OriginationUrls.Clear();
        TrunkCredentialLists.Clear();
    }
}
