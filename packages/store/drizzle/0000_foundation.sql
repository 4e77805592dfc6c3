CREATE TABLE "actors" (
	"ecosystem_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"capabilities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"needs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"values" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"clock" jsonb,
	"tags" jsonb,
	"attributes" jsonb,
	"extra" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "actors_ecosystem_id_id_pk" PRIMARY KEY("ecosystem_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"organization_id" uuid,
	"ecosystem_id" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"via" text
);
--> statement-breakpoint
CREATE TABLE "ecosystems" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"purpose" text,
	"goals" jsonb,
	"extra" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_members" (
	"ecosystem_id" text NOT NULL,
	"partnership_id" text NOT NULL,
	"actor_id" text NOT NULL,
	"position" integer NOT NULL,
	"role" text,
	CONSTRAINT "partnership_members_ecosystem_id_partnership_id_actor_id_pk" PRIMARY KEY("ecosystem_id","partnership_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"ecosystem_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"purpose" text,
	"stage" text NOT NULL,
	"charter" jsonb,
	"extra" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "partnerships_ecosystem_id_id_pk" PRIMARY KEY("ecosystem_id","id")
);
--> statement-breakpoint
CREATE TABLE "relationships" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ecosystem_id" text NOT NULL,
	"position" integer NOT NULL,
	"from_actor" text NOT NULL,
	"to_actor" text NOT NULL,
	"kind" text NOT NULL,
	"flows" jsonb,
	"strength" double precision DEFAULT 1 NOT NULL,
	"directed" boolean DEFAULT false NOT NULL,
	"description" text,
	"visibility" text,
	"extra" jsonb,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ecosystem_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL,
	"label" text,
	"document" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"is_admin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "actors" ADD CONSTRAINT "actors_ecosystem_id_ecosystems_id_fk" FOREIGN KEY ("ecosystem_id") REFERENCES "public"."ecosystems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_members" ADD CONSTRAINT "partnership_members_ecosystem_id_partnership_id_partnerships_ecosystem_id_id_fk" FOREIGN KEY ("ecosystem_id","partnership_id") REFERENCES "public"."partnerships"("ecosystem_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_members" ADD CONSTRAINT "partnership_members_ecosystem_id_actor_id_actors_ecosystem_id_id_fk" FOREIGN KEY ("ecosystem_id","actor_id") REFERENCES "public"."actors"("ecosystem_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_ecosystem_id_ecosystems_id_fk" FOREIGN KEY ("ecosystem_id") REFERENCES "public"."ecosystems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_ecosystem_id_ecosystems_id_fk" FOREIGN KEY ("ecosystem_id") REFERENCES "public"."ecosystems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_ecosystem_id_from_actor_actors_ecosystem_id_id_fk" FOREIGN KEY ("ecosystem_id","from_actor") REFERENCES "public"."actors"("ecosystem_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_ecosystem_id_to_actor_actors_ecosystem_id_id_fk" FOREIGN KEY ("ecosystem_id","to_actor") REFERENCES "public"."actors"("ecosystem_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actors_position_idx" ON "actors" USING btree ("ecosystem_id","position");--> statement-breakpoint
CREATE INDEX "audit_events_eco_idx" ON "audit_events" USING btree ("ecosystem_id","id");--> statement-breakpoint
CREATE INDEX "relationships_eco_pos_idx" ON "relationships" USING btree ("ecosystem_id","position");--> statement-breakpoint
CREATE INDEX "relationships_from_idx" ON "relationships" USING btree ("ecosystem_id","from_actor");--> statement-breakpoint
CREATE INDEX "relationships_to_idx" ON "relationships" USING btree ("ecosystem_id","to_actor");--> statement-breakpoint
CREATE INDEX "snapshots_eco_idx" ON "snapshots" USING btree ("ecosystem_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));