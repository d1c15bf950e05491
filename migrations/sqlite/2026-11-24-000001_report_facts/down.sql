DROP TABLE report_facts_backfill;
DROP TABLE contacts;
DROP TABLE report_facts;
DROP TABLE report_scopes;
