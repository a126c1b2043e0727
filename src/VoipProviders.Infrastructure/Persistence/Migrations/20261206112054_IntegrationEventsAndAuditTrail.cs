using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoipProviders.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IntegrationEventsAndAuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                schema: "voip_providers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    organization_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: true),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    actor_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    actor_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    source_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    trace_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    details = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "integration_event_streams",
                schema: "voip_providers",
                columns: table => new
                {
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false),
                    base_sequence = table.Column<long>(type: "bigint", nullable: false),
                    base_transaction = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integration_event_streams", x => x.provider_id);
                });

            migrationBuilder.CreateTable(
                name: "integration_events",
                schema: "voip_providers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    organization_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_version = table.Column<long>(type: "bigint", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integration_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "module_keys",
                schema: "voip_providers",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_module_keys", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "integration_event_deliveries",
                schema: "voip_providers",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    handler = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integration_event_deliveries", x => new { x.event_id, x.handler });
                    table.ForeignKey(
                        name: "fk_integration_event_deliveries_integration_events_event_id",
                        column: x => x.event_id,
                        principalSchema: "voip_providers",
                        principalTable: "integration_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_organization_id_occurred_at_id",
                schema: "voip_providers",
                table: "audit_events",
                columns: new[] { "organization_id", "occurred_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_organization_id_provider_id_occurred_at_id",
                schema: "voip_providers",
                table: "audit_events",
                columns: new[] { "organization_id", "provider_id", "occurred_at", "id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_integration_event_deliveries_parked_at",
                schema: "voip_providers",
                table: "integration_event_deliveries",
                column: "parked_at",
                filter: "status = 1");

            migrationBuilder.CreateIndex(
                name: "ix_integration_event_deliveries_pending",
                schema: "voip_providers",
                table: "integration_event_deliveries",
                columns: new[] { "handler", "provider_id", "sequence" },
                filter: "status = 0");

            // A provider's events are numbered 1, 2, 3… in commit order: the counter row's lock is held from the first event
            // a transaction adds until it ends, so the next transaction numbers after it; a rollback gives its numbers back.
            // Within one transaction, an event's number is the counter before it plus the event's ordinal (the order the
            // unit of work added them in), whatever order the inserts come in.
            migrationBuilder.Sql("""
                CREATE FUNCTION voip_providers.number_integration_event() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    this_transaction bigint := pg_current_xact_id()::text::bigint;
                BEGIN
                    INSERT INTO voip_providers.integration_event_streams AS s (provider_id, last_sequence, base_sequence, base_transaction)
                    VALUES (NEW.provider_id, NEW.ordinal, 0, this_transaction)
                    ON CONFLICT (provider_id) DO UPDATE SET
                        base_sequence = CASE WHEN s.base_transaction = this_transaction THEN s.base_sequence ELSE s.last_sequence END,
                        last_sequence = GREATEST(
                            CASE WHEN s.base_transaction = this_transaction THEN s.last_sequence ELSE 0 END,
                            (CASE WHEN s.base_transaction = this_transaction THEN s.base_sequence ELSE s.last_sequence END) + NEW.ordinal),
                        base_transaction = this_transaction
                    RETURNING s.base_sequence + NEW.ordinal INTO NEW.sequence;
                    RETURN NEW;
                END $$;

                CREATE TRIGGER number_integration_event BEFORE INSERT ON voip_providers.integration_events
                    FOR EACH ROW EXECUTE FUNCTION voip_providers.number_integration_event();

                CREATE FUNCTION voip_providers.copy_integration_event_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    SELECT e.sequence INTO NEW.sequence FROM voip_providers.integration_events e WHERE e.id = NEW.event_id;
                    RETURN NEW;
                END $$;

                CREATE TRIGGER copy_integration_event_sequence BEFORE INSERT ON voip_providers.integration_event_deliveries
                    FOR EACH ROW EXECUTE FUNCTION voip_providers.copy_integration_event_sequence();

                CREATE FUNCTION voip_providers.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit records are append-only' USING ERRCODE = 'insufficient_privilege';
                END $$;

                CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON voip_providers.audit_events
                    FOR EACH ROW EXECUTE FUNCTION voip_providers.refuse_audit_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_events_append_only ON voip_providers.audit_events;
                DROP FUNCTION voip_providers.refuse_audit_change();
                DROP TRIGGER copy_integration_event_sequence ON voip_providers.integration_event_deliveries;
                DROP FUNCTION voip_providers.copy_integration_event_sequence();
                DROP TRIGGER number_integration_event ON voip_providers.integration_events;
                DROP FUNCTION voip_providers.number_integration_event();
                """);

            migrationBuilder.DropTable(
                name: "audit_events",
                schema: "voip_providers");

            migrationBuilder.DropTable(
                name: "integration_event_deliveries",
                schema: "voip_providers");

            migrationBuilder.DropTable(
                name: "integration_event_streams",
                schema: "voip_providers");

            migrationBuilder.DropTable(
                name: "module_keys",
                schema: "voip_providers");

            migrationBuilder.DropTable(
                name: "integration_events",
                schema: "voip_providers");
        }
    }
}
