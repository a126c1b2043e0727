namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// A row a commit stamped: the commit took effect if the row carries its stamp. If not, the commit did not take effect
/// as long as the row's version has not gone past the one the commit wrote — versions only grow, so a row at or below
/// it was never changed by this commit. Past it, a later change may have overwritten the stamp: nobody can tell.
/// </summary>
internal readonly record struct StampedRow(string LookupSql, object Key, Guid CommitId, long WrittenVersion)
{
    public bool? Judge(long storedVersion, Guid? storedStamp) =>
        storedStamp == CommitId ? true
        : storedVersion <= WrittenVersion ? false
        : null;
}
