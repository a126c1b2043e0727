using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoipProviders.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PhoneNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "phone_number_sids",
                schema: "voip_providers",
                table: "twilio_resource_cleanups",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.CreateTable(
                name: "imported_phone_numbers",
                schema: "voip_providers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone_number_sid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    phone_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    friendly_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    mms = table.Column<bool>(type: "boolean", nullable: false),
                    sms = table.Column<bool>(type: "boolean", nullable: false),
                    voice = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imported_phone_numbers", x => x.id);
                    table.ForeignKey(
                        name: "fk_imported_phone_numbers_twilio_providers_provider_id",
                        column: x => x.provider_id,
                        principalSchema: "voip_providers",
                        principalTable: "twilio_providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_imported_phone_numbers_organization_id_phone_number",
                schema: "voip_providers",
                table: "imported_phone_numbers",
                columns: new[] { "organization_id", "phone_number" });

            migrationBuilder.CreateIndex(
                name: "ix_imported_phone_numbers_provider_id_phone_number",
                schema: "voip_providers",
                table: "imported_phone_numbers",
                columns: new[] { "provider_id", "phone_number" });

            migrationBuilder.CreateIndex(
                name: "ux_imported_phone_numbers_phone_number_sid",
                schema: "voip_providers",
                table: "imported_phone_numbers",
                column: "phone_number_sid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "imported_phone_numbers",
                schema: "voip_providers");

            migrationBuilder.DropColumn(
                name: "phone_number_sids",
                schema: "voip_providers",
                table: "twilio_resource_cleanups");
        }
    }
}
