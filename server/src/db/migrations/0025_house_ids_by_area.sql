-- An area's house ids in order, read from the index alone (a house search by owner name).
CREATE INDEX "houses_area_id_idx" ON "houses" USING btree ("area_id","id");
