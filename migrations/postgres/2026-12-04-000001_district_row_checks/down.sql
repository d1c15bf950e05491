ALTER TABLE events ADD CONSTRAINT events_district_id_fkey
    FOREIGN KEY (district_id) REFERENCES districts (id);
ALTER TABLE contacts ADD CONSTRAINT contacts_district_id_fkey
    FOREIGN KEY (district_id) REFERENCES districts (id);
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_district_id_fkey
    FOREIGN KEY (district_id) REFERENCES districts (id);
