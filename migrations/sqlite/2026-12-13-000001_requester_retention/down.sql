DROP INDEX inquiries_requester_kept;
