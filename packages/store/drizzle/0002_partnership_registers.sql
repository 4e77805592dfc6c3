CREATE TABLE "agent_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ecosystem_id" text,
	"reason" text NOT NULL,
	"instance" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"stats" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ecosystem_id" text NOT NULL,
	"partnership_id" text,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"detail" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"first_raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "charter_versions" (
	"ecosystem_id" text NOT NULL,
	"partnership_id" text NOT NULL,
	"seq" integer NOT NULL,
	"charter" jsonb NOT NULL,
	"superseded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_by" uuid,
	CONSTRAINT "charter_versions_ecosystem_id_partnership_id_seq_pk" PRIMARY KEY("ecosystem_id","partnership_id","seq")
);
--> statement-breakpoint
CREATE TABLE "ecosystem_records" (
	"ecosystem_id" text NOT NULL,
	"section" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"data" jsonb NOT NULL,
	"visibility" text,
	"owner_organization_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ecosystem_records_ecosystem_id_section_key_pk" PRIMARY KEY("ecosystem_id","section","key")
);
--> statement-breakpoint
CREATE TABLE "health_check_answers" (
	"ecosystem_id" text NOT NULL,
	"partnership_id" text NOT NULL,
	"cycle_id" text NOT NULL,
	"organization" text NOT NULL,
	"dimension" text NOT NULL,
	"position" integer NOT NULL,
	"data" jsonb NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_check_answers_ecosystem_id_partnership_id_cycle_id_organization_dimension_pk" PRIMARY KEY("ecosystem_id","partnership_id","cycle_id","organization","dimension")
);
--> statement-breakpoint
CREATE TABLE "health_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ecosystem_id" text NOT NULL,
	"partnership_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"day" text NOT NULL,
	"score" double precision,
	"rag" text,
	"components" jsonb,
	"signals" jsonb
);
--> statement-breakpoint
CREATE TABLE "kpi_measurements" (
	"ecosystem_id" text NOT NULL,
	"partnership_id" text NOT NULL,
	"kpi_id" text NOT NULL,
	"date" text NOT NULL,
	"value" double precision NOT NULL,
	"extra" jsonb,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_measurements_ecosystem_id_partnership_id_kpi_id_date_pk" PRIMARY KEY("ecosystem_id","partnership_id","kpi_id","date")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"ecosystem_id" text NOT NULL,
	"partnership_id" text NOT NULL,
	"seq" integer NOT NULL,
	"id" text NOT NULL,
	"actor_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"visibility" text,
	"owner_organization_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "ledger_entries_ecosystem_id_partnership_id_seq_pk" PRIMARY KEY("ecosystem_id","partnership_id","seq")
);
--> statement-breakpoint
CREATE TABLE "partnership_records" (
	"ecosystem_id" text NOT NULL,
	"partnership_id" text NOT NULL,
	"section" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"data" jsonb NOT NULL,
	"visibility" text,
	"owner_organization_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_records_ecosystem_id_partnership_id_section_key_pk" PRIMARY KEY("ecosystem_id","partnership_id","section","key")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event" text NOT NULL,
	"alert_id" bigint,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ecosystem_id" text NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"secret_ciphertext" text NOT NULL,
	"events" jsonb DEFAULT '["alert.raised"]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_ecosystem_id_ecosystems_id_fk" FOREIGN KEY ("ecosystem_id") REFERENCES "public"."ecosystems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_versions" ADD CONSTRAINT "charter_versions_ecosystem_id_partnership_id_partnerships_ecosystem_id_id_fk" FOREIGN KEY ("ecosystem_id","partnership_id") REFERENCES "public"."partnerships"("ecosystem_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "ecosystem_records" ADD CONSTRAINT "ecosystem_records_ecosystem_id_ecosystems_id_fk" FOREIGN KEY ("ecosystem_id") REFERENCES "public"."ecosystems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_check_answers" ADD CONSTRAINT "health_check_answers_ecosystem_id_partnership_id_partnerships_ecosystem_id_id_fk" FOREIGN KEY ("ecosystem_id","partnership_id") REFERENCES "public"."partnerships"("ecosystem_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "health_history" ADD CONSTRAINT "health_history_ecosystem_id_partnership_id_partnerships_ecosystem_id_id_fk" FOREIGN KEY ("ecosystem_id","partnership_id") REFERENCES "public"."partnerships"("ecosystem_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_ecosystem_id_partnership_id_partnerships_ecosystem_id_id_fk" FOREIGN KEY ("ecosystem_id","partnership_id") REFERENCES "public"."partnerships"("ecosystem_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_ecosystem_id_partnership_id_partnerships_ecosystem_id_id_fk" FOREIGN KEY ("ecosystem_id","partnership_id") REFERENCES "public"."partnerships"("ecosystem_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "partnership_records" ADD CONSTRAINT "partnership_records_ecosystem_id_partnership_id_partnerships_ecosystem_id_id_fk" FOREIGN KEY ("ecosystem_id","partnership_id") REFERENCES "public"."partnerships"("ecosystem_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_ecosystem_id_ecosystems_id_fk" FOREIGN KEY ("ecosystem_id") REFERENCES "public"."ecosystems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_key" ON "alerts" USING btree ("ecosystem_id","dedupe_key") WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_eco_idx" ON "alerts" USING btree ("ecosystem_id","id");--> statement-breakpoint
CREATE INDEX "ecosystem_records_pos_idx" ON "ecosystem_records" USING btree ("ecosystem_id","section","position");--> statement-breakpoint
CREATE UNIQUE INDEX "health_history_day_key" ON "health_history" USING btree ("ecosystem_id","partnership_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_id_key" ON "ledger_entries" USING btree ("ecosystem_id","partnership_id","id");--> statement-breakpoint
CREATE INDEX "partnership_records_pos_idx" ON "partnership_records" USING btree ("ecosystem_id","partnership_id","section","position");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","id");