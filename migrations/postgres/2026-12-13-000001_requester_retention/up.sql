-- The daily erasure of requester details finds the finished inquiries
-- that still hold some, oldest change first, without reading the ones
-- already erased or left anonymous.
CREATE INDEX inquiries_requester_kept ON inquiries (district_id, status, updated_at, id)
    WHERE requester_name IS NOT NULL OR requester_email IS NOT NULL OR requester_phone IS NOT NULL;
