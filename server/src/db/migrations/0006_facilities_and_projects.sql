CREATE TABLE "facilities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "facilities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"area_id" bigint NOT NULL,
	"building_id" bigint,
	"unit_id" bigint,
	"type_id" bigint NOT NULL,
	"name" text NOT NULL,
	"brand_model" text DEFAULT '' NOT NULL,
	"install_date" date,
	"quantity" integer DEFAULT 1 NOT NULL,
	"remark" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" bigint,
	"created_by_org_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" bigint,
	CONSTRAINT "facilities_unit_in_building_ck" CHECK ("facilities"."unit_id" is null or "facilities"."building_id" is not null),
	CONSTRAINT "facilities_quantity_ck" CHECK ("facilities"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "facility_repair_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "facility_repair_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"facility_id" bigint NOT NULL,
	"project_id" bigint,
	"project_no" text DEFAULT '' NOT NULL,
	"project_name" text NOT NULL,
	"repair_date" date NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_repair_records_amount_ck" CHECK ("facility_repair_records"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "facility_types" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "facility_types_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_ballots" (
	"project_id" bigint NOT NULL,
	"house_id" bigint NOT NULL,
	"choice" text NOT NULL,
	CONSTRAINT "project_ballots_project_id_house_id_pk" PRIMARY KEY("project_id","house_id")
);
--> statement-breakpoint
CREATE TABLE "project_documents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"request_id" bigint,
	"kind" text NOT NULL,
	"file_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"action" text NOT NULL,
	"user_id" bigint,
	"user_name" text DEFAULT '' NOT NULL,
	"org_name" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_item_houses" (
	"item_id" bigint NOT NULL,
	"house_id" bigint NOT NULL,
	"project_id" bigint NOT NULL,
	"share" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "project_item_houses_item_id_house_id_pk" PRIMARY KEY("item_id","house_id"),
	CONSTRAINT "project_item_houses_share_non_negative" CHECK ("project_item_houses"."share" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"facility_id" bigint NOT NULL,
	"content" text NOT NULL,
	"contractor" text DEFAULT '' NOT NULL,
	"remark" text DEFAULT '' NOT NULL,
	"budget" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "project_items_budget_non_negative" CHECK ("project_items"."budget" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"no" text NOT NULL,
	"project_id" bigint NOT NULL,
	"area_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"deadline" text NOT NULL,
	"budget_total" bigint NOT NULL,
	"settlement_amount" bigint,
	"published_by" bigint,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_phases" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_phases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"amount" bigint NOT NULL,
	"condition" text DEFAULT '' NOT NULL,
	CONSTRAINT "project_phases_amount_positive" CHECK ("project_phases"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "project_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"no" text NOT NULL,
	"project_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"phase_id" bigint,
	"amount" bigint DEFAULT 0 NOT NULL,
	"payees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"submitted_by" bigint,
	"submitted_at" timestamp with time zone NOT NULL,
	"accepted_by" bigint,
	"accepted_at" timestamp with time zone,
	"accept_note" text,
	"reviewed_by" bigint,
	"reviewed_at" timestamp with time zone,
	"reject_reason" text,
	"confirmed_at" timestamp with time zone,
	"ledger_transaction_id" bigint,
	CONSTRAINT "project_requests_amount_non_negative" CHECK ("project_requests"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "repair_projects" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "repair_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"no" text NOT NULL,
	"area_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"period_from" text,
	"period_to" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"budget_total" bigint DEFAULT 0 NOT NULL,
	"vote_rule" text,
	"vote_passed" boolean,
	"vote_totals" jsonb,
	"vote_notice_id" bigint,
	"vote_recorded_at" timestamp with time zone,
	"acceptance_date" text,
	"acceptance_result" text,
	"settlement_amount" bigint,
	"acceptance_recorded_at" timestamp with time zone,
	"cancel_reason" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "repair_projects_budget_non_negative" CHECK ("repair_projects"."budget_total" >= 0)
);
--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_area_id_property_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."property_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_type_id_facility_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."facility_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_repair_records" ADD CONSTRAINT "facility_repair_records_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_types" ADD CONSTRAINT "facility_types_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_ballots" ADD CONSTRAINT "project_ballots_project_id_repair_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."repair_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_ballots" ADD CONSTRAINT "project_ballots_house_id_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_documents" ADD CONSTRAINT "project_documents_project_id_repair_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."repair_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_documents" ADD CONSTRAINT "project_documents_request_id_project_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."project_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_documents" ADD CONSTRAINT "project_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_project_id_repair_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."repair_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_item_houses" ADD CONSTRAINT "project_item_houses_item_id_project_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."project_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_item_houses" ADD CONSTRAINT "project_item_houses_house_id_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_items" ADD CONSTRAINT "project_items_project_id_repair_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."repair_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_items" ADD CONSTRAINT "project_items_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_notices" ADD CONSTRAINT "project_notices_project_id_repair_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."repair_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_phases" ADD CONSTRAINT "project_phases_project_id_repair_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."repair_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_requests" ADD CONSTRAINT "project_requests_project_id_repair_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."repair_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_requests" ADD CONSTRAINT "project_requests_phase_id_project_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."project_phases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_projects" ADD CONSTRAINT "repair_projects_area_id_property_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."property_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_projects" ADD CONSTRAINT "repair_projects_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "facilities_location_idx" ON "facilities" USING btree ("area_id","building_id","unit_id","type_id","id");--> statement-breakpoint
CREATE INDEX "facilities_type_idx" ON "facilities" USING btree ("type_id");--> statement-breakpoint
CREATE INDEX "facility_repair_records_facility_idx" ON "facility_repair_records" USING btree ("facility_id","repair_date");--> statement-breakpoint
CREATE UNIQUE INDEX "facility_repair_records_project_uq" ON "facility_repair_records" USING btree ("facility_id","project_id") WHERE "facility_repair_records"."project_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "facility_types_name_uq" ON "facility_types" USING btree ("name");--> statement-breakpoint
CREATE INDEX "project_documents_project_idx" ON "project_documents" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_events_project_idx" ON "project_events" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "project_item_houses_project_idx" ON "project_item_houses" USING btree ("project_id","house_id");--> statement-breakpoint
CREATE INDEX "project_items_project_idx" ON "project_items" USING btree ("project_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "project_notices_no_uq" ON "project_notices" USING btree ("no");--> statement-breakpoint
CREATE INDEX "project_notices_public_idx" ON "project_notices" USING btree ("published_at","area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_phases_seq_uq" ON "project_phases" USING btree ("project_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "project_requests_no_uq" ON "project_requests" USING btree ("no");--> statement-breakpoint
CREATE INDEX "project_requests_project_idx" ON "project_requests" USING btree ("project_id","kind");--> statement-breakpoint
CREATE INDEX "project_requests_status_idx" ON "project_requests" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_projects_no_uq" ON "repair_projects" USING btree ("no");--> statement-breakpoint
CREATE INDEX "repair_projects_area_idx" ON "repair_projects" USING btree ("area_id","created_at");--> statement-breakpoint
-- §6 default facility types; the office adds or disables types later (F-62).
INSERT INTO "facility_types" ("name", "sort_order") VALUES
	('电梯', 10), ('消防设施', 20), ('给排水', 30), ('供电', 40), ('屋面', 50), ('外墙', 60),
	('二次供水', 70), ('安防监控', 80), ('道路', 90), ('绿化', 100), ('大门', 110), ('其他', 120);
