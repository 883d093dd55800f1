CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "payment_notices_issuer_list_idx" ON "payment_notices" USING btree ("issuer_org_id","id");--> statement-breakpoint
CREATE INDEX "payment_notices_area_list_idx" ON "payment_notices" USING btree ("area_id","id");--> statement-breakpoint
CREATE INDEX "payment_notices_no_trgm" ON "payment_notices" USING gin ("no" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "payment_notices_payer_trgm" ON "payment_notices" USING gin ("payer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "repair_projects_created_idx" ON "repair_projects" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "repair_projects_name_trgm" ON "repair_projects" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "repair_projects_no_trgm" ON "repair_projects" USING gin ("no" gin_trgm_ops);