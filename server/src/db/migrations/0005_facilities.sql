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
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_area_id_property_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."property_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_type_id_facility_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."facility_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_repair_records" ADD CONSTRAINT "facility_repair_records_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_types" ADD CONSTRAINT "facility_types_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "facilities_location_idx" ON "facilities" USING btree ("area_id","building_id","unit_id","type_id","id");--> statement-breakpoint
CREATE INDEX "facilities_type_idx" ON "facilities" USING btree ("type_id");--> statement-breakpoint
CREATE INDEX "facility_repair_records_facility_idx" ON "facility_repair_records" USING btree ("facility_id","repair_date");--> statement-breakpoint
CREATE UNIQUE INDEX "facility_repair_records_project_uq" ON "facility_repair_records" USING btree ("facility_id","project_id") WHERE "facility_repair_records"."project_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "facility_types_name_uq" ON "facility_types" USING btree ("name");--> statement-breakpoint
-- §6 default facility types; the office adds or disables types later (F-62).
INSERT INTO "facility_types" ("name", "sort_order") VALUES
	('电梯', 10), ('消防设施', 20), ('给排水', 30), ('供电', 40), ('屋面', 50), ('外墙', 60),
	('二次供水', 70), ('安防监控', 80), ('道路', 90), ('绿化', 100), ('大门', 110), ('其他', 120);
