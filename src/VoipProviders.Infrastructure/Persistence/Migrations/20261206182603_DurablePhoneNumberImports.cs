using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoipProviders.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DurablePhoneNumberImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_imported_phone_numbers_twilio_providers_provider_id",
                schema: "voip_providers",
                table: "imported_phone_numbers");

            migrationBuilder.CreateTable(
                name: "phone_number_imports",
                schema: "voip_providers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trunk_sid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    failed_attempts = table.Column<int>(type: "integer", nullable: false),
                    last_failure = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phone_number_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "phone_number_import_claims",
                schema: "voip_providers",
                columns: table => new
                {
                    phone_number_sid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attach = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phone_number_import_claims", x => x.phone_number_sid);
                    table.ForeignKey(
                        name: "fk_phone_number_import_claims_phone_number_imports_import_id",
                        column: x => x.import_id,
                        principalSchema: "voip_providers",
                        principalTable: "phone_number_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_phone_number_import_claims_import_id",
                schema: "voip_providers",
                table: "phone_number_import_claims",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_phone_number_imports_status_organization_id",
                schema: "voip_providers",
                table: "phone_number_imports",
                columns: new[] { "status", "organization_id" });

            migrationBuilder.AddForeignKey(
                name: "fk_imported_phone_numbers_twilio_providers_provider_id",
                schema: "voip_providers",
                table: "imported_phone_numbers",
                column: "provider_id",
                principalSchema: "voip_providers",
                principalTable: "twilio_providers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_imported_phone_numbers_twilio_providers_provider_id",
                schema: "voip_providers",
                table: "imported_phone_numbers");

            migrationBuilder.DropTable(
                name: "phone_number_import_claims",
                schema: "voip_providers");

            migrationBuilder.DropTable(
                name: "phone_number_imports",
                schema: "voip_providers");

            migrationBuilder.AddForeignKey(
                name: "fk_imported_phone_numbers_twilio_providers_provider_id",
                schema: "voip_providers",
                table: "imported_phone_numbers",
                column: "provider_id",
                principalSchema: "voip_providers",
                principalTable: "twilio_providers",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
