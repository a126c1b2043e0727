using System.Text;
using Npgsql;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// Empties every table of a schema but the ones named to keep, between tests. One transaction takes every such table in
/// ACCESS EXCLUSIVE mode first — the lock a TRUNCATE takes, so it waits for the transactions still touching them and
/// holds new ones off until it commits, as a TRUNCATE would — and then DELETEs their rows, children before parents.
/// A TRUNCATE of the module's ~15 tables costs a new file per table and per index (100–300 ms a test); the DELETEs of
/// the few rows a test leaves cost a few milliseconds and end in the same state: every table empty. A schema where that
/// would not hold (a cycle of foreign keys, a kept table referencing an emptied one, a trigger or rule on DELETE, which
/// a TRUNCATE does not fire) is emptied with <c>TRUNCATE … CASCADE</c> instead, as before.
/// </summary>
internal sealed class DatabaseReset
{
    private readonly string _sql;

    private DatabaseReset(string sql) => _sql = sql;

    public static async Task<DatabaseReset> CreateAsync(NpgsqlConnection connection, string schema, IReadOnlyCollection<string> tablesToKeep)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema AND table_type = 'BASE TABLE' ORDER BY table_name",
            connection))
        {
            command.Parameters.AddWithValue("schema", schema);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!tablesToKeep.Contains(table, StringComparer.Ordinal))
                {
                    tables.Add(table);
                }
            }
        }

        // Every foreign key that points at a table of the schema: (referencing schema, referencing table, referenced table).
        var references = new List<(string Schema, string Child, string Parent)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT child_ns.nspname, child.relname, parent.relname
            FROM pg_constraint c
            JOIN pg_class child ON child.oid = c.conrelid
            JOIN pg_namespace child_ns ON child_ns.oid = child.relnamespace
            JOIN pg_class parent ON parent.oid = c.confrelid
            JOIN pg_namespace parent_ns ON parent_ns.oid = parent.relnamespace
            WHERE c.contype = 'f' AND parent_ns.nspname = @schema
            """,
            connection))
        {
            command.Parameters.AddWithValue("schema", schema);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                references.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        // Tables of the schema with a trigger or rule of their own on DELETE, which a TRUNCATE does not fire.
        var reactingToDeletes = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND NOT t.tgisinternal AND (t.tgtype & 8) <> 0
            UNION
            SELECT c.relname FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND r.ev_type = '4'
            """,
            connection))
        {
            command.Parameters.AddWithValue("schema", schema);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                reactingToDeletes.Add(reader.GetString(0));
            }
        }

        var emptied = tables.ToHashSet(StringComparer.Ordinal);
        var keptTableReferencesAnEmptiedOne = references.Any(r => emptied.Contains(r.Parent) && (r.Schema != schema || !emptied.Contains(r.Child)));
        var order = keptTableReferencesAnEmptiedOne || reactingToDeletes.Overlaps(emptied)
            ? null
            : ChildrenFirst(tables, references.Where(r => emptied.Contains(r.Parent)).Select(r => (r.Child, r.Parent)));
        var quoted = (order ?? tables).Select(table => $"\"{schema}\".\"{table}\"").ToList();
        if (quoted.Count == 0)
        {
            return new DatabaseReset(string.Empty);
        }

        var sql = new StringBuilder();
        if (order is null)
        {
            sql.Append("TRUNCATE TABLE ").AppendJoin(", ", quoted).Append(" CASCADE;");
        }
        else
        {
            sql.Append("LOCK TABLE ").AppendJoin(", ", quoted).Append(" IN ACCESS EXCLUSIVE MODE;");
            foreach (var table in quoted)
            {
                sql.Append(" DELETE FROM ").Append(table).Append(';');
            }
        }

        return new DatabaseReset(sql.ToString());
    }

    /// <summary>Empties the tables, in one transaction.</summary>
    public async Task ResetAsync(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_sql.Length == 0)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(_sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The tables ordered so that each comes before every table it references; null when the references form a cycle.</summary>
    private static List<string>? ChildrenFirst(IReadOnlyList<string> tables, IEnumerable<(string Child, string Parent)> references)
    {
        // A table can go once every table referencing it has gone (a self-reference does not hold it back).
        var referencedBy = tables.ToDictionary(table => table, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (child, parent) in references)
        {
            if (child != parent)
            {
                referencedBy[parent].Add(child);
            }
        }

        var order = new List<string>(tables.Count);
        var remaining = tables.ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(table => referencedBy[table].All(order.Contains));
            if (next is null)
            {
                return null;
            }

            order.Add(next);
            remaining.Remove(next);
        }

        return order;
    }
}
