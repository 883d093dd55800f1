-- 业务总览 searches by a part of a business number, and finds an area's applications newest first.
CREATE INDEX "applications_area_idx" ON "applications" USING btree ("area_id","submitted_at");--> statement-breakpoint
CREATE INDEX "applications_no_trgm" ON "applications" USING gin ("no" gin_trgm_ops) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "applications_no_pieces" ON "applications" USING gin (text_pieces("no")) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "refunds_no_trgm" ON "refunds" USING gin ("no" gin_trgm_ops) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "refunds_no_pieces" ON "refunds" USING gin (text_pieces("no")) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "project_requests_no_trgm" ON "project_requests" USING gin ("no" gin_trgm_ops) WITH (gin_pending_list_limit=64);--> statement-breakpoint
CREATE INDEX "project_requests_no_pieces" ON "project_requests" USING gin (text_pieces("no")) WITH (gin_pending_list_limit=64);