DROP INDEX "houses_area_idx";--> statement-breakpoint
CREATE INDEX "houses_area_list_idx" ON "houses" USING btree ("area_id","building_id","floor","room");