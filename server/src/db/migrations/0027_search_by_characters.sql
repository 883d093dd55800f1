-- Searches by one or two characters (no trigram) read an index of each text's characters; 业务总览 also
-- searches business numbers by trigrams, and finds an area's applications newest first.
CREATE INDEX "applications_area_idx" ON "applications" USING btree ("area_id","submitted_at");--> statement-breakpoint
CREATE INDEX "applications_no_trgm" ON "applications" USING gin ("no" gin_trgm_ops) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "applications_no_chars" ON "applications" USING gin (regexp_split_to_array(lower("no"), '')) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "payment_notices_no_chars" ON "payment_notices" USING gin (regexp_split_to_array(lower("no"), '')) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "payment_notices_payer_chars" ON "payment_notices" USING gin (regexp_split_to_array(lower("payer_name"), '')) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "houses_address_chars" ON "houses" USING gin (regexp_split_to_array(lower("address"), '')) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "refunds_no_trgm" ON "refunds" USING gin ("no" gin_trgm_ops) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "refunds_no_chars" ON "refunds" USING gin (regexp_split_to_array(lower("no"), '')) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "project_requests_no_trgm" ON "project_requests" USING gin ("no" gin_trgm_ops) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "project_requests_no_chars" ON "project_requests" USING gin (regexp_split_to_array(lower("no"), '')) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "repair_projects_name_chars" ON "repair_projects" USING gin (regexp_split_to_array(lower("name"), '')) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "repair_projects_no_chars" ON "repair_projects" USING gin (regexp_split_to_array(lower("no"), '')) WITH (gin_pending_list_limit=64);